import { z } from 'zod';
import { acknowledgeUpdate, decideUpdate, requestSupplementUpdate, TEXT_LIMITS } from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import { RouteTable } from '../openapi/route';
import {
  ApplicationStatus, ApplicationSummary, ApplicationView, CaseParams, Decision, DecisionOutcome, SupplementRequest, TimelineEntry,
} from '../openapi/schemas';
import { actorOf, authorityCase, storedTimeline, storedView, updateCase } from './cases';
import type { RouterDeps } from './deps';

const tag = 'Official';
const HANDLING = 'case handling';
const changeErrors = [ErrorCode.NOT_FOUND, ErrorCode.TRANSITION_NOT_ALLOWED];

/**
 * Officials (Virtu login) work on their own authority's cases; other cases answer 404. Every read
 * is written to the usage log before the answer is sent, every change before it is made.
 */
export function officialRoutes(deps: RouterDeps): RouteTable {
  const base = '/api/v1/official/cases';
  return new RouteTable()
    .add({
      method: 'get', path: base, tag, access: 'official', permission: 'case:read',
      query: z.strictObject({ status: ApplicationStatus.optional() }),
      summary: 'Lists the cases of the official\'s authority, optionally by status.',
      response: { status: 200, description: 'The cases, most recently changed first.', schema: z.array(ApplicationSummary) },
    }, async ({ req, session, query }) => {
      const cases = await deps.applications.listByAuthority(session().authorityId!, { status: query.status });
      await deps.usageLog.record(req, 'case.list', cases.map((c) => c.applicationId), HANDLING);
      return cases;
    })
    .add({
      method: 'get', path: `${base}/:id`, tag, access: 'official', permission: 'case:read', params: CaseParams,
      summary: 'One case of the official\'s authority.',
      response: { status: 200, description: 'The case.', schema: ApplicationView },
    }, async ({ req, session, params }) => {
      const view = storedView(await authorityCase(deps, params.id, session()));
      await deps.usageLog.record(req, 'case.read', [params.id], HANDLING);
      return view;
    })
    .add({
      method: 'get', path: `${base}/:id/timeline`, tag, access: 'official', permission: 'case:read', params: CaseParams,
      summary: 'The case\'s timeline.',
      response: { status: 200, description: 'The timeline.', schema: z.array(TimelineEntry) },
    }, async ({ req, session, params }) => {
      const timeline = await storedTimeline(deps, await authorityCase(deps, params.id, session()));
      await deps.usageLog.record(req, 'case.timeline', [params.id], HANDLING);
      return timeline;
    })
    .add({
      method: 'post', path: `${base}/:id/acknowledge`, tag, access: 'official', permission: 'case:handle', params: CaseParams,
      body: z.strictObject({ caseNumber: z.string().trim().min(1).max(TEXT_LIMITS.caseNumber) }),
      summary: 'Acknowledges a submitted case under the authority\'s own case number.',
      response: { status: 200, description: 'The case, in handling.', schema: ApplicationView },
      errors: changeErrors,
    }, async ({ req, session, params, body }) => {
      const s = session();
      const row = await authorityCase(deps, params.id, s);
      await deps.usageLog.record(req, 'case.acknowledge', [params.id], HANDLING);
      return updateCase(deps, row, acknowledgeUpdate, { actor: actorOf(s), ...body });
    })
    .add({
      method: 'post', path: `${base}/:id/supplement-requests`, tag, access: 'official', permission: 'case:handle', params: CaseParams,
      body: z.strictObject({ message: z.string().trim().min(1).max(TEXT_LIMITS.message), deadline: z.iso.datetime({ offset: true }).optional() }),
      summary: 'Asks the applicant for more information by a deadline; the handling clock stops meanwhile.',
      response: { status: 201, description: 'The supplement request.', schema: SupplementRequest },
      errors: changeErrors,
    }, async ({ req, session, params, body }) => {
      const s = session();
      const row = await authorityCase(deps, params.id, s);
      await deps.usageLog.record(req, 'case.request_supplement', [params.id], HANDLING);
      return updateCase(deps, row, requestSupplementUpdate, { actor: actorOf(s), ...body });
    })
    .add({
      method: 'post', path: `${base}/:id/decision`, tag, access: 'official', permission: 'case:decide', params: CaseParams,
      body: z.strictObject({ outcome: DecisionOutcome, text: z.string().trim().min(1).max(TEXT_LIMITS.decisionText) }),
      summary: 'Records the decision; the appeal period starts.',
      response: { status: 201, description: 'The decision.', schema: Decision },
      errors: changeErrors,
    }, async ({ req, session, params, body }) => {
      const s = session();
      const row = await authorityCase(deps, params.id, s);
      await deps.usageLog.record(req, 'case.decide', [params.id], 'decision-making');
      return updateCase(deps, row, decideUpdate, { actor: actorOf(s), ...body });
    });
}
