import { AppError, isAppError } from '../../infra/errors';
import type { ApplicationSummary, ReadModel, ServiceCatalogue } from '../../activities/store';
import type { ValtuudetDeps } from '../../activities/valtuudet';
import { entitledBy } from '../../workflows/application/mandate';
import { meetsLoa } from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import { applicantCase, serviceOf, type CaseRecord } from '../routers/cases';
import type { RouterDeps } from '../routers/deps';
import type { Session } from '../session/types';

/**
 * The applicant's own applications, plus those of the organisation they chose to act for in this
 * login, but only in services where e-Authorizations still gives them a role the service accepts
 * (asked now: a revoked mandate, a role the service does not accept, e.g. a board member's where a
 * managing director is needed, or an expired choice shows own cases only). Newest first.
 */
export async function applicantList(
  deps: { applications: ReadModel; services: ServiceCatalogue; valtuudet?: ValtuudetDeps }, session: Session,
): Promise<ApplicationSummary[]> {
  const own = await deps.applications.listByApplicant(session.subjectRef);
  const represented = deps.valtuudet ? await representedOrganisation(deps.valtuudet, session) : undefined;
  if (!represented) return own;
  const seen = new Set(own.map((c) => c.applicationId));
  const rules = new Map<string, boolean>();
  const theirs: ApplicationSummary[] = [];
  for (const c of await deps.applications.listByOrganisation(represented.businessId)) {
    if (seen.has(c.applicationId)) continue;
    if (!rules.has(c.serviceId)) {
      const service = await deps.services.get(c.serviceId);
      rules.set(c.serviceId, Boolean(service && entitledBy(service.representation, represented.roles)));
    }
    if (rules.get(c.serviceId)) theirs.push(c);
  }
  return [...own, ...theirs].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * A case the applicant may read: their own, or one of the organisation they now represent with a role
 * its service accepts (as the list shows it). Acting on the latter stays with the applicant who started it.
 */
export async function readableCase(deps: RouterDeps, id: string, session: Session): Promise<CaseRecord> {
  try {
    return await applicantCase(deps, id, session);
  } catch (err) {
    if (!isAppError(err) || err.code !== ErrorCode.NOT_FOUND || !deps.valtuudet) throw err;
    const row = await deps.applications.get(id);
    const org = row?.summary.organisationBusinessId;
    if (!row || !org) throw err;
    const represented = await representedOrganisation(deps.valtuudet, session);
    if (represented?.businessId !== org) throw err;
    const service = await serviceOf(deps, row);
    if (!entitledBy(service.representation, represented.roles)) throw err;
    if (!meetsLoa(session.loa, service.requiredLoa)) {
      throw new AppError(ErrorCode.LOA_TOO_LOW, 'This application needs a stronger identification than the one you logged in with.');
    }
    return row;
  }
}

/** The organisation chosen in this login and the applicant's roles in it, as e-Authorizations answers now (complete answers only). */
export async function representedOrganisation(v: ValtuudetDeps, session: Session): Promise<{ businessId: string; roles: string[] } | undefined> {
  const view = await v.selections.current(session.id);
  if (view?.principal.kind !== 'organisation') return undefined;
  const secrets = await v.selections.secretsFor(session.id, view.principal);
  if (!secrets) return undefined;
  try {
    const [org] = await v.client.organizationRoles(secrets.valtuudetSessionId, secrets.accessToken, view.principal.businessId);
    return org && org.complete ? { businessId: view.principal.businessId, roles: org.roles } : undefined;
  } catch {
    // Unreachable or expired: the applicant still gets their own cases only.
    return undefined;
  }
}
