import type { WorkflowExecutionInfo } from '@temporalio/client';
import { z } from 'zod';
import { ErrorCode } from '../../workflows/error-codes';
import { SA } from '../../workflows/search-attributes';
import { decodedHistory } from '../operator/history';
import { ExchangeMessageSchema } from '../palveluvayla/schemas';
import { PendingActivity, pendingActivities } from '../operator/pending-activities';
import { OperatorFilters, visibilityQuery } from '../operator/visibility-query';
import { RouteTable } from '../openapi/route';
import { ApplicationView, CaseParams, OperatorCase } from '../openapi/schemas';
import { anyCase, workflowView } from './cases';
import type { RouterDeps } from './deps';

const tag = 'Operator';
const OPERATIONS = 'operations';
const LIST_LIMIT = 200;

/** Operators see every case as Temporal holds it: search by attributes, status, full decoded history. Usage-logged. */
export function operatorRoutes(deps: RouterDeps): RouteTable {
  const base = '/api/v1/operator/cases';
  return new RouteTable()
    .add({
      method: 'get', path: base, tag, access: 'operator', query: OperatorFilters,
      summary: 'Lists cases by search attributes (Temporal visibility), newest first, at most 200.',
      response: { status: 200, description: 'Matching workflow executions.', schema: z.array(OperatorCase) },
      errors: [ErrorCode.INVALID_BUSINESS_ID],
    }, async ({ req, query }) => {
      const found: z.infer<typeof OperatorCase>[] = [];
      for await (const info of deps.temporal.workflow.list({ query: visibilityQuery(query), pageSize: LIST_LIMIT })) {
        found.push(toOperatorCase(info));
        if (found.length >= LIST_LIMIT) break;
      }
      await deps.usageLog.record(req, 'operator.list', found.map((c) => c.workflowId), OPERATIONS);
      return found;
    })
    .add({
      method: 'get', path: `${base}/:id`, tag, access: 'operator', params: CaseParams,
      summary: 'A case\'s status and its workflow execution.',
      response: {
        status: 200, description: 'Status and execution.',
        schema: z.object({ view: ApplicationView, execution: OperatorCase.extend({ taskQueue: z.string(), historyLength: z.number(), pendingActivities: z.array(PendingActivity) }) }),
      },
    }, async ({ req, params }) => {
      const row = await anyCase(deps, params.id);
      const [view, description] = await Promise.all([workflowView(deps, row), deps.temporal.workflow.getHandle(params.id).describe()]);
      await deps.usageLog.record(req, 'operator.read', [params.id], OPERATIONS);
      const pending = await pendingActivities(deps.temporal, description);
      return { view, execution: { ...toOperatorCase(description), taskQueue: description.taskQueue, historyLength: description.historyLength, pendingActivities: pending } };
    })
    .add({
      method: 'get', path: `${base}/:id/history`, tag, access: 'operator', params: CaseParams,
      summary: 'The case\'s full workflow history, payloads decrypted.',
      response: { status: 200, description: 'History JSON (events).', schema: z.object({ events: z.array(z.record(z.string(), z.unknown())) }) },
    }, async ({ req, params }) => {
      const row = await anyCase(deps, params.id);
      const history = await decodedHistory(deps.temporal, params.id);
      await deps.usageLog.record(req, 'operator.history', [params.id], OPERATIONS);
      return history;
    })
    .add({
      method: 'get', path: `${base}/:id/exchange`, tag, access: 'operator', params: CaseParams,
      summary: 'The case\'s messages with its authority system over Suomi.fi-palveluväylä, both ways, oldest first (the disclosure log).',
      response: { status: 200, description: 'Messages with id (X-Road-Id), type, direction, content hash, status, attempts and times.', schema: z.object({ messages: z.array(ExchangeMessageSchema) }) },
    }, async ({ req, params }) => {
      await anyCase(deps, params.id);
      const messages = (await deps.exchangeLog.forCase(params.id)).map(({ response: _answer, ...message }) => message);
      await deps.usageLog.record(req, 'operator.exchange', [params.id], OPERATIONS);
      return { messages };
    });
}

function toOperatorCase(info: Pick<WorkflowExecutionInfo, 'workflowId' | 'runId' | 'status' | 'startTime' | 'closeTime' | 'typedSearchAttributes'>) {
  const sa = info.typedSearchAttributes;
  const time = (d: Date | undefined) => (d ? d.toISOString() : null);
  return {
    workflowId: info.workflowId,
    runId: info.runId,
    executionStatus: info.status.name,
    startTime: info.startTime.toISOString(),
    closeTime: time(info.closeTime),
    service: sa.get(SA.service) ?? null,
    authority: sa.get(SA.authority) ?? null,
    status: sa.get(SA.status) ?? null,
    organisation: sa.get(SA.organisation) ?? null,
    submittedAt: time(sa.get(SA.submittedAt)),
    deadline: time(sa.get(SA.deadline)),
  };
}
