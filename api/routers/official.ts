import { z } from 'zod';
import { ErrorCode } from '../../workflows/error-codes';
import {
  AcknowledgeBody, acknowledgeCase, decideCase, DecisionBody, listCases, readCase, readTimeline, requestCaseSupplement, SupplementRequestBody,
} from '../official/operations';
import { RouteTable } from '../openapi/route';
import {
  ApplicationStatus, ApplicationSummary, ApplicationView, CaseParams, Decision, SupplementRequest, TimelineEntry,
} from '../openapi/schemas';
import type { RouterDeps } from './deps';

const tag = 'Official';
const changeErrors = [ErrorCode.NOT_FOUND, ErrorCode.TRANSITION_NOT_ALLOWED];

/**
 * Officials (Virtu login) work on their own authority's cases; other cases answer 404. The handlers
 * are api/official/operations.ts, which the official pages call too (usage log, permission).
 */
export function officialRoutes(deps: RouterDeps): RouteTable {
  const base = '/api/v1/official/cases';
  return new RouteTable()
    .add({
      method: 'get', path: base, tag, access: 'official', permission: 'case:read',
      query: z.strictObject({ status: ApplicationStatus.optional() }),
      summary: 'Lists the cases of the official\'s authority, optionally by status.',
      response: { status: 200, description: 'The cases, most recently changed first.', schema: z.array(ApplicationSummary) },
    }, ({ req, query }) => listCases(deps, req, query))
    .add({
      method: 'get', path: `${base}/:id`, tag, access: 'official', permission: 'case:read', params: CaseParams,
      summary: 'One case of the official\'s authority.',
      response: { status: 200, description: 'The case.', schema: ApplicationView },
    }, ({ req, params }) => readCase(deps, req, params.id))
    .add({
      method: 'get', path: `${base}/:id/timeline`, tag, access: 'official', permission: 'case:read', params: CaseParams,
      summary: 'The case\'s timeline.',
      response: { status: 200, description: 'The timeline.', schema: z.array(TimelineEntry) },
    }, ({ req, params }) => readTimeline(deps, req, params.id))
    .add({
      method: 'post', path: `${base}/:id/acknowledge`, tag, access: 'official', permission: 'case:handle', params: CaseParams,
      body: AcknowledgeBody,
      summary: 'Acknowledges a submitted case under the authority\'s own case number.',
      response: { status: 200, description: 'The case, in handling.', schema: ApplicationView },
      errors: changeErrors,
    }, ({ req, params, body }) => acknowledgeCase(deps, req, params.id, body))
    .add({
      method: 'post', path: `${base}/:id/supplement-requests`, tag, access: 'official', permission: 'case:handle', params: CaseParams,
      body: SupplementRequestBody,
      summary: 'Asks the applicant for more information by a deadline; the handling clock stops meanwhile.',
      response: { status: 201, description: 'The supplement request.', schema: SupplementRequest },
      errors: changeErrors,
    }, ({ req, params, body }) => requestCaseSupplement(deps, req, params.id, body))
    .add({
      method: 'post', path: `${base}/:id/decision`, tag, access: 'official', permission: 'case:decide', params: CaseParams,
      body: DecisionBody,
      summary: 'Records the decision; the appeal period starts.',
      response: { status: 201, description: 'The decision.', schema: Decision },
      errors: changeErrors,
    }, ({ req, params, body }) => decideCase(deps, req, params.id, body));
}
