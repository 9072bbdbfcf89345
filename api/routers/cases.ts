import { QueryNotRegisteredError } from '@temporalio/client';
import { WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import { AppError } from '../../infra/errors';
import { ErrorCode } from '../../workflows/error-codes';
import { meetsLoa, serviceSettingsQuery, statusQuery, type Actor, type ApplicationView, type ServiceSettings, type TimelineEntry } from '../../workflows/application/messages';
import type { Session } from '../session/types';
import type { ReadModel } from '../../activities/store';
import { caseSettingsCache } from './case-settings-cache';
import type { RouterDeps } from './deps';
import { viewAsOf } from './view-as-of';

const notFound = () => new AppError(ErrorCode.NOT_FOUND, 'No such application.');

/** A case as the read model has it: summary, owner and its last known view. */
export type CaseRecord = NonNullable<Awaited<ReturnType<ReadModel['get']>>>;

/**
 * The case if it is the applicant's own and the login is strong enough for its service. Someone
 * else's case answers exactly like a missing one, so that nobody can learn which application numbers
 * exist. The level of assurance is checked on every access, not only at the start: the same person
 * may later log in with a weaker method.
 */
export async function applicantCase(deps: RouterDeps, id: string, session: Session): Promise<CaseRecord> {
  const row = await deps.applications.get(id);
  if (!row || row.applicantRef !== session.subjectRef) throw notFound();
  // A case closed at its start for this very reason holds nothing else; its applicant may see why.
  if (row.view.closeReason === 'LOA_TOO_LOW') return row;
  if (!meetsLoa(session.loa, row.serviceRequiredLoa)) {
    throw new AppError(ErrorCode.LOA_TOO_LOW, 'This application needs a stronger identification than the one you logged in with. Please log in again with a stronger method.');
  }
  return row;
}

/**
 * The case if it has been submitted to the official's authority, or is a draft whose applicant consents
 * to the authority seeing it (read only: the transition rules refuse acts on drafts); 404 otherwise, as
 * for a missing case. Other drafts belong to the applicant alone.
 */
export async function authorityCase(deps: RouterDeps, id: string, session: Session): Promise<CaseRecord> {
  const row = await deps.applications.get(id);
  const visible = row && (row.summary.submittedAt || (row.summary.status === 'DRAFT' && row.view.consent?.given));
  const ours = visible && session.authorityId && row.summary.authorityId === session.authorityId;
  if (!ours) throw notFound();
  return row;
}

/** Any case, for operators. */
export async function anyCase(deps: RouterDeps, id: string): Promise<CaseRecord> {
  const row = await deps.applications.get(id);
  if (!row) throw notFound();
  return row;
}

/** Who acts, as the workflow records it: pseudonymous ref, display name, (officials) authority, (applicants) level of assurance. */
export function actorOf(session: Session): Actor {
  return session.kind === 'official'
    ? { kind: 'official', ref: session.subjectRef, name: session.displayName, authorityId: session.authorityId ?? undefined }
    : { kind: 'applicant', ref: session.subjectRef, name: session.displayName, loa: session.loa };
}

/**
 * The case as the read model has it, its handling clock brought up to now: no round trip to the workflow.
 * Views stored before projects and consent existed (issue 6) read as outside any project, without consent.
 */
export function storedView(row: CaseRecord): ApplicationView {
  const view: Partial<Pick<ApplicationView, 'projectId' | 'consent'>> = row.view;
  return viewAsOf({ ...row.view, projectId: view.projectId ?? null, consent: view.consent ?? { given: false, at: null } }, Date.now());
}

/** The case's timeline from the append-only event log, which the workflow writes before each change returns. */
export function storedTimeline(deps: RouterDeps, row: CaseRecord): Promise<TimelineEntry[]> {
  return deps.applications.timeline(row.summary.applicationId);
}

/** The case as the workflow sees it now (operators compare it with the execution); the stored view once Temporal no longer retains the workflow. */
export async function workflowView(deps: RouterDeps, row: CaseRecord): Promise<ApplicationView> {
  try {
    return await deps.temporal.workflow.getHandle(row.summary.applicationId).query(statusQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return row.view;
    throw err;
  }
}

/**
 * Sends an update to a case the caller may act on. Once the workflow has completed (a final or
 * closed case), Temporal answers "not found"; the case exists, so that is a transition not allowed.
 */
export async function updateCase<Ret, Arg>(deps: RouterDeps, row: CaseRecord, update: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
  try {
    return await deps.temporal.workflow.getHandle(row.summary.applicationId).executeUpdate(update, { args: [arg] });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) {
      throw new AppError(ErrorCode.TRANSITION_NOT_ALLOWED, `The case is ${row.summary.status.toLowerCase()} and can no longer change.`);
    }
    throw err;
  }
}

/**
 * The form schema the case runs with, as its workflow loaded it at the start: an administrator may
 * have changed the catalogue's since, and the workflow checks the submission against its own. The
 * catalogue's once Temporal no longer retains the workflow (or a worker without the query answers).
 */
export async function caseFormSchema(deps: RouterDeps, row: CaseRecord): Promise<Record<string, unknown>> {
  return (await caseSettings(deps, row)).formSchema;
}

/** The service settings the case runs with (see caseFormSchema): its form schema, its attachment rules. */
export async function caseSettings(deps: RouterDeps, row: CaseRecord): Promise<ServiceSettings> {
  const id = row.summary.applicationId;
  const cache = caseSettingsCache(deps.temporal);
  const cached = cache.get(id);
  if (cached) return cached;
  try {
    const settings = await deps.temporal.workflow.getHandle(id).query(serviceSettingsQuery);
    if (settings) {
      cache.set(id, settings);
      return settings;
    }
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError || err instanceof QueryNotRegisteredError)) throw err;
  }
  return serviceOf(deps, row);
}

/** The permit service of a case (its form schema); the foreign key guarantees it exists. */
export async function serviceOf(deps: RouterDeps, row: CaseRecord) {
  const service = await deps.services.get(row.summary.serviceId);
  if (!service) throw new Error(`permit service ${row.summary.serviceId} of ${row.summary.applicationId} is missing`);
  return service;
}
