import { AppError, isAppError } from '../../infra/errors';
import type { ApplicationSummary, ReadModel } from '../../activities/store';
import type { ValtuudetDeps } from '../../activities/valtuudet';
import { meetsLoa } from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import { applicantCase, serviceOf, type CaseRecord } from '../routers/cases';
import type { RouterDeps } from '../routers/deps';
import type { Session } from '../session/types';

/**
 * The applicant's own applications, plus those of the organisation they chose to act for in this
 * login, but only while e-Authorizations still gives them a role in it (asked now: a revoked mandate
 * or an expired choice shows own cases only). Newest first.
 */
export async function applicantList(applications: ReadModel, valtuudet: ValtuudetDeps | undefined, session: Session): Promise<ApplicationSummary[]> {
  const own = await applications.listByApplicant(session.subjectRef);
  const businessId = valtuudet ? await representedOrganisation(valtuudet, session) : undefined;
  if (!businessId) return own;
  const seen = new Set(own.map((c) => c.applicationId));
  const theirs = (await applications.listByOrganisation(businessId)).filter((c) => !seen.has(c.applicationId));
  return [...own, ...theirs].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/**
 * A case the applicant may read: their own, or one of the organisation they now represent (as the
 * list shows it). Acting on the latter stays with the applicant who started it.
 */
export async function readableCase(deps: RouterDeps, id: string, session: Session): Promise<CaseRecord> {
  try {
    return await applicantCase(deps, id, session);
  } catch (err) {
    if (!isAppError(err) || err.code !== ErrorCode.NOT_FOUND || !deps.valtuudet) throw err;
    const row = await deps.applications.get(id);
    const org = row?.summary.organisationBusinessId;
    if (!row || !org || (await representedOrganisation(deps.valtuudet, session)) !== org) throw err;
    if (!meetsLoa(session.loa, (await serviceOf(deps, row)).requiredLoa)) {
      throw new AppError(ErrorCode.LOA_TOO_LOW, 'This application needs a stronger identification than the one you logged in with.');
    }
    return row;
  }
}

async function representedOrganisation(v: ValtuudetDeps, session: Session): Promise<string | undefined> {
  const view = await v.selections.current(session.id);
  if (view?.principal.kind !== 'organisation') return undefined;
  const secrets = await v.selections.secretsFor(session.id, view.principal);
  if (!secrets) return undefined;
  try {
    const [org] = await v.client.organizationRoles(secrets.valtuudetSessionId, secrets.accessToken, view.principal.businessId);
    return org && org.complete && org.roles.length > 0 ? view.principal.businessId : undefined;
  } catch {
    // Unreachable or expired: the applicant still gets their own cases only.
    return undefined;
  }
}
