import type { Permission } from '../session/types';

/**
 * virtuPersonEntitlement values → platform permissions. Virtu leaves the value syntax to each
 * service (specs/saml.md §2); lupaflow registers these roles with the home organisations.
 */
const ROLE_PERMISSIONS: Record<string, Permission[]> = {
  'lupaflow:kasittelija': ['case:read', 'case:handle'],
  'lupaflow:paattaja': ['case:read', 'case:handle', 'case:decide'],
  'lupaflow:operaattori': ['case:read', 'operator'],
  // The authority's service administrator: its permit services, surveys and onboarding (issue 5).
  'lupaflow:palveluhallinnoija': ['service:admin'],
};

/** The union of the permissions the entitlements grant; unknown values grant nothing. */
export function permissionsFromEntitlements(entitlements: string[]): Permission[] {
  const out = new Set<Permission>();
  for (const value of entitlements) for (const p of ROLE_PERMISSIONS[value.trim()] ?? []) out.add(p);
  return [...out].sort();
}
