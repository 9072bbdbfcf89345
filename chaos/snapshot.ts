/**
 * Reads what the platform and the authority stand-in hold at the end of a chaos run, from their own
 * stores: each workflow's view (Temporal query), the read model, the case event log, the outbox and
 * inbox and the decision documents (PostgreSQL), the authority's case register (its control API) and
 * Temporal's list of failed workflows.
 */
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { statusQuery, type ApplicationView } from '../workflows/application/messages';
import type { ChaosSnapshot } from './checks';
import type { DrivenApplication } from './scenarios';
import { httpCall } from './user-client';

const PARALLEL_QUERIES = 8;

export async function takeSnapshot(opts: { applications: DrivenApplication[]; db: Knex; temporal: Client; authoritySystemUrl: string }): Promise<ChaosSnapshot> {
  const { db, temporal } = opts;
  const ids = opts.applications.flatMap((a) => (a.applicationId ? [a.applicationId] : []));

  const workflows: ChaosSnapshot['workflows'] = {};
  const queue = [...ids];
  await Promise.all(Array.from({ length: PARALLEL_QUERIES }, async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      try {
        const view = await temporal.workflow.getHandle(id).query(statusQuery) as ApplicationView;
        workflows[id] = { status: view.status, decisionText: view.decision?.text ?? null, decisionMessageId: view.decision?.document?.messageId ?? null };
      } catch (err) {
        workflows[id] = { error: `query failed: ${(err as Error).message}` };
      }
    }
  }));

  const rows: { id: string; status: string; last_seq: number; view: ApplicationView }[] = await db('applications').select('id', 'status', 'last_seq', 'view').whereIn('id', ids);
  const readModel = Object.fromEntries(rows.map((r) => [r.id, { status: r.status, lastSeq: r.last_seq, decisionText: r.view?.decision?.text ?? null }]));
  const events = (await db('case_events').select('application_id', 'seq', 'type', 'data').whereIn('application_id', ids))
    .map((e: { application_id: string; seq: number; type: string; data: unknown }) => ({ applicationId: e.application_id, seq: e.seq, type: e.type, data: e.data }));
  const exchange = (await db('exchange_messages').select('id', 'application_id', 'direction', 'type', 'status').whereIn('application_id', ids))
    .map((m: { id: string; application_id: string; direction: 'outbound' | 'inbound'; type: string; status: string }) => ({ id: m.id, applicationId: m.application_id, direction: m.direction, type: m.type, status: m.status }));
  const decisionDocuments = (await db('decision_documents').select('message_id', 'application_id').whereIn('application_id', ids))
    .map((d: { message_id: string; application_id: string }) => ({ messageId: d.message_id, applicationId: d.application_id }));

  const held = await httpCall(`${opts.authoritySystemUrl}/_control/cases`, { method: 'GET' });
  if (held.status !== 200 || !Array.isArray(held.body)) throw new Error(`the authority system's case list answered ${held.status}`);
  const authority = (held.body as { applicationId: string; messageIds: string[]; deliveries: number; supplements: unknown[] }[])
    .map((c) => ({ applicationId: c.applicationId, messageIds: c.messageIds, deliveries: c.deliveries, supplements: c.supplements.length }));

  const temporalProblems: ChaosSnapshot['temporalProblems'] = [];
  for await (const wf of temporal.workflow.list({ query: 'ExecutionStatus="Failed" OR ExecutionStatus="Terminated" OR ExecutionStatus="TimedOut"' })) {
    temporalProblems.push({ workflowId: wf.workflowId, status: wf.status.name });
  }
  return { applications: opts.applications, workflows, readModel, events, exchange, decisionDocuments, authority, temporalProblems };
}
