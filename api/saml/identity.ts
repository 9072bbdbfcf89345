import type { Knex } from 'knex';
import type { PiiCrypto } from '../../infra/pii';
import type { Permission } from '../session/types';
import { permissionsFromEntitlements } from './entitlements';
import { isValidHetu } from '../../infra/identifiers';

/** Who logged in, as the session stores it. */
export interface LoginIdentity {
  kind: 'applicant' | 'official';
  subjectRef: string;
  identityCodeEnc: string | null;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  authorityId: string | null;
  permissions: Permission[];
}

/** Attribute names (specs/saml.md §1.6 and §2). */
const A = {
  hetu: 'urn:oid:1.2.246.21',
  displayName: 'urn:oid:2.16.840.1.113730.3.1.241',
  givenName: 'urn:oid:2.5.4.42',
  sn: 'urn:oid:2.5.4.4',
  cn: 'urn:oid:2.5.4.3',
  virtuLocalId: 'urn:oid:1.3.6.1.4.1.31350.1.8',
  virtuHomeOrganization: 'urn:oid:1.3.6.1.4.1.31350.1.5',
  virtuPersonEntitlement: 'urn:oid:1.3.6.1.4.1.31350.1.4',
} as const;

const single = (attrs: Record<string, string[]>, name: string) => attrs[name]?.[0]?.trim() || undefined;

/**
 * An applicant from Suomi.fi attributes: the identity code must be present and valid; it is stored
 * encrypted, and the subject is its keyed hash.
 */
export function applicantFromSuomifi(attrs: Record<string, string[]>, pii: PiiCrypto): LoginIdentity | { refused: string } {
  const hetu = single(attrs, A.hetu);
  if (!hetu) return { refused: 'the assertion carries no personal identity code' };
  if (!isValidHetu(hetu)) return { refused: 'the personal identity code in the assertion is not valid' };
  const givenName = single(attrs, A.givenName) ?? null;
  const familyName = single(attrs, A.sn) ?? null;
  const displayName = single(attrs, A.displayName) ?? ([givenName, familyName].filter(Boolean).join(' ') || single(attrs, A.cn));
  if (!displayName) return { refused: 'the assertion carries no name' };
  return {
    kind: 'applicant',
    subjectRef: pii.hash(hetu),
    identityCodeEnc: pii.encrypt(hetu),
    displayName,
    givenName,
    familyName,
    authorityId: null,
    permissions: [],
  };
}

/**
 * An official from Virtu attributes: the home organisation must belong to a known authority
 * (authorities.virtu_home_organization); entitlements become permissions.
 */
export async function officialFromVirtu(attrs: Record<string, string[]>, db: Knex): Promise<LoginIdentity | { refused: string }> {
  const localId = single(attrs, A.virtuLocalId);
  const homeOrg = single(attrs, A.virtuHomeOrganization);
  if (!localId || !homeOrg) return { refused: 'the assertion lacks virtuLocalID or virtuHomeOrganization' };
  const authority = await db('authorities').where({ virtu_home_organization: homeOrg.toLowerCase() }).first('id');
  if (!authority) return { refused: `the home organisation ${homeOrg} is not an authority that uses this service` };
  const givenName = single(attrs, A.givenName) ?? null;
  const familyName = single(attrs, A.sn) ?? null;
  const displayName = [givenName, familyName].filter(Boolean).join(' ') || single(attrs, A.cn) || localId;
  // virtuLocalID is unique only within its home organisation (specs/saml.md §2): qualify it, unless
  // the IdP already sends it as local@homeorg.
  const qualified = localId.toLowerCase().endsWith(`@${homeOrg.toLowerCase()}`) ? localId : `${localId}@${homeOrg}`;
  const subjectRef = qualified.toLowerCase();
  return {
    kind: 'official',
    subjectRef,
    identityCodeEnc: null,
    displayName,
    givenName,
    familyName,
    authorityId: authority.id,
    permissions: permissionsFromEntitlements(attrs[A.virtuPersonEntitlement] ?? []),
  };
}
