/**
 * What an official may do with their authority's cases, called by both the JSON routes
 * (api/routers/official.ts) and the official pages (api/pages/official/). Each read is written to the
 * usage log before it is answered, each change before it is made. The permission is checked here as
 * well as by the routes' guards, so a page handler cannot forget it.
 */
import type { Request } from 'express';
import { z } from 'zod';
import { AppError } from '../../infra/errors';
import type { ApplicationSummary } from '../../activities/store';
import {
  acknowledgeUpdate, decideUpdate, requestSupplementUpdate, TEXT_LIMITS,
  type ApplicationStatus, type ApplicationView, type Decision, type SupplementRequest, type TimelineEntry,
} from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import { authorityAttachments, authorityTimeline } from '../attachments/download';
import { DecisionOutcome } from '../openapi/schemas';
import { actorOf, authorityCase, storedTimeline, storedView, updateCase } from '../routers/cases';
import type { RouterDeps } from '../routers/deps';
import type { Permission, Session } from '../session/types';

/** The default X-Purpose of the usage log rows these write. */
const HANDLING = 'case handling';

export const AcknowledgeBody = z.strictObject({ caseNumber: z.string().trim().min(1).max(TEXT_LIMITS.caseNumber) });
export const SupplementRequestBody = z.strictObject({
  message: z.string().trim().min(1).max(TEXT_LIMITS.message),
  deadline: z.iso.datetime({ offset: true }).optional(),
});
export const DecisionBody = z.strictObject({ outcome: DecisionOutcome, text: z.string().trim().min(1).max(TEXT_LIMITS.decisionText) });

/** The request's official, if they have `permission` (403 otherwise, as the routes' guard answers). */
export function permittedOfficial(req: Request, permission: Permission): Session {
  const session = req.session;
  if (!session) throw new AppError(ErrorCode.NOT_AUTHENTICATED, 'Please log in first.');
  if (session.kind !== 'official' || !session.authorityId) throw new AppError(ErrorCode.FORBIDDEN, 'This is for officials only.');
  if (!session.permissions.includes(permission)) throw new AppError(ErrorCode.FORBIDDEN, 'You do not have the permission this needs.', { permission });
  return session;
}

/** The cases of the official's authority, most recently submitted first, optionally of one status. */
export async function listCases(deps: RouterDeps, req: Request, filter: { status?: ApplicationStatus }): Promise<ApplicationSummary[]> {
  const session = permittedOfficial(req, 'case:read');
  const cases = await deps.applications.listByAuthority(session.authorityId!, { status: filter.status });
  await deps.usageLog.record(req, 'case.list', cases.map((c) => c.applicationId), HANDLING);
  return cases;
}

/** One case of the official's authority (404 for any other). */
export async function readCase(deps: RouterDeps, req: Request, id: string): Promise<ApplicationView> {
  const row = await authorityCase(deps, id, permittedOfficial(req, 'case:read'));
  await deps.usageLog.record(req, 'case.read', [id], HANDLING);
  return { ...storedView(row), attachments: authorityAttachments(row) };
}

/** The case's timeline (its event log). */
export async function readTimeline(deps: RouterDeps, req: Request, id: string): Promise<TimelineEntry[]> {
  const row = await authorityCase(deps, id, permittedOfficial(req, 'case:read'));
  const timeline = authorityTimeline(row, await storedTimeline(deps, row));
  await deps.usageLog.record(req, 'case.timeline', [id], HANDLING);
  return timeline;
}

/** Acknowledges a delivered case under the authority's case number; the case goes into handling. */
export async function acknowledgeCase(deps: RouterDeps, req: Request, id: string, body: z.infer<typeof AcknowledgeBody>): Promise<ApplicationView> {
  const session = permittedOfficial(req, 'case:handle');
  const row = await authorityCase(deps, id, session);
  await deps.usageLog.record(req, 'case.acknowledge', [id], HANDLING);
  return updateCase(deps, row, acknowledgeUpdate, { actor: actorOf(session), ...body });
}

/** Asks the applicant for more information by a deadline (the service's default when omitted). */
export async function requestCaseSupplement(deps: RouterDeps, req: Request, id: string, body: z.infer<typeof SupplementRequestBody>): Promise<SupplementRequest> {
  const session = permittedOfficial(req, 'case:handle');
  const row = await authorityCase(deps, id, session);
  await deps.usageLog.record(req, 'case.request_supplement', [id], HANDLING);
  return updateCase(deps, row, requestSupplementUpdate, { actor: actorOf(session), ...body });
}

/** Records the decision; the appeal period starts. */
export async function decideCase(deps: RouterDeps, req: Request, id: string, body: z.infer<typeof DecisionBody>): Promise<Decision> {
  const session = permittedOfficial(req, 'case:decide');
  const row = await authorityCase(deps, id, session);
  await deps.usageLog.record(req, 'case.decide', [id], 'decision-making');
  return updateCase(deps, row, decideUpdate, { actor: actorOf(session), ...body });
}
