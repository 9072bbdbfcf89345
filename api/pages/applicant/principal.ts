import type { PagesDeps } from '../index';
import type { Session } from '../../session/types';

/** Whom the applicant acts for in this login, as chosen on /acting-for (undefined: themselves). */
export type ActingFor = { kind: 'organisation'; businessId: string } | { kind: 'person'; name: string } | undefined;

/**
 * The choice made through Suomi.fi e-Authorizations in this login. A person is known here only by name
 * (the platform keeps the keyed hash of their identity code), so a start for them asks for the code.
 */
export async function actingFor(deps: PagesDeps, session: Session): Promise<ActingFor> {
  const chosen = await deps.valtuudet?.selections.current(session.id);
  if (!chosen) return undefined;
  return chosen.principal.kind === 'organisation'
    ? { kind: 'organisation', businessId: chosen.principal.businessId }
    : { kind: 'person', name: chosen.principal.name };
}
