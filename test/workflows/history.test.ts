/**
 * What Temporal itself stores, on the shared dev server with a real worker: read WITHOUT the payload
 * codec, a case's history holds no personal data in clear text, and refused updates leave nothing.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import type { Knex } from 'knex';
import { createActivities } from '../../activities';
import { palveluvaylaFromEnv } from '../../activities/palveluvayla';
import { ptvDepsFromEnv } from '../../activities/ptv';
import { loadCoreConfig } from '../../infra/config/core';
import { createDb } from '../../infra/db';
import { logger } from '../../infra/logger';
import { connectClient } from '../../infra/temporal/connection';
import { decideUpdate, saveDraftUpdate, submitUpdate, timelineQuery } from '../../workflows/application/messages';
import { bundleWorkflows } from '../../workers/bundle';
import { createWorker } from '../../workers/worker';
import type { RunningMailCatcher } from '../../sandbox/mail';
import { startMailForTests } from '../support/mail';
import { environmentalForm, officialOf } from './support/case-fixtures';
import { CONFIDENTIAL_TEXTS, driveLifecycles, type DrivenCase } from './support/lifecycles';

let db: Knex;
let worker: Worker;
let running: Promise<void>;
let client: Client;
let plainClient: Client;
let cases: DrivenCase[];
let mail: RunningMailCatcher;

beforeAll(async () => {
  const config = { ...loadCoreConfig(), TEMPORAL_TASK_QUEUE: `history-test-${randomUUID()}` };
  db = createDb(config.DATABASE_URL, { max: 4 });
  const notifications = await startMailForTests();
  mail = notifications.catcher;
  worker = await createWorker({
    connection: await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS }),
    config,
    activities: createActivities({ db, logger, ptv: ptvDepsFromEnv(), palveluvayla: palveluvaylaFromEnv(), notifications: notifications.deps }),
    workflowBundle: await bundleWorkflows(),
  });
  running = worker.run();
  client = await connectClient(config);
  // Reads what an operator without the keys would read straight from Temporal's database.
  plainClient = new Client({ connection: await Connection.connect({ address: config.TEMPORAL_ADDRESS }), namespace: config.TEMPORAL_NAMESPACE });
  cases = await driveLifecycles(client, db, config.TEMPORAL_TASK_QUEUE);
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await Promise.all([client?.connection.close(), plainClient?.connection.close()]);
  await db?.destroy();
  await mail?.stop();
});

/** Every string and every byte field (as UTF-8) anywhere in a history. */
function everyText(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('utf8'));
  else if (Array.isArray(value)) value.forEach((v) => everyText(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => everyText(v, out));
  return out;
}

describe('[#2] what Temporal stores of an application', () => {
  it('holds no name, form content, message, decision text or failure message in clear text', async () => {
    for (const { handle, applicant } of cases) {
      const history = await plainClient.workflow.getHandle(handle.workflowId).fetchHistory();
      const text = everyText(history).join('\n');
      expect(text).toContain('binary/encrypted');
      for (const secret of [
        applicant.actor.name, applicant.actor.ref, environmentalForm.operatorName, environmentalForm.site.street,
        environmentalForm.contact.email, ...Object.values(CONFIDENTIAL_TEXTS),
        // Failure messages go through the codec too (the LoA refusal is an activity failure).
        'requires the level of assurance',
      ]) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it('still reads the whole case through the codec', async () => {
    const [decided] = cases;
    const timeline = await client.workflow.getHandle(decided.handle.workflowId).query(timelineQuery);
    expect(timeline.map((e) => e.type)).toContain('DECIDED');
  });

  it('can be found by service, authority, status and deadline, which hold no personal data', async () => {
    const [decided] = cases;
    const query = `LupaService = 'ymparistolupa' AND LupaAuthority = 'lvv' AND LupaStatus = 'DECIDED' AND LupaDeadline > '${new Date().toISOString()}'`;
    let found: string[] = [];
    for (let i = 0; i < 100 && !found.includes(decided.handle.workflowId); i++) {
      found = [];
      for await (const wf of plainClient.workflow.list({ query })) found.push(wf.workflowId);
      if (!found.includes(decided.handle.workflowId)) await new Promise((r) => setTimeout(r, 100));
    }
    expect(found).toContain(decided.handle.workflowId);
  });

  it('writes each transition\'s events in one activity call, upserts only the search attributes that changed and keeps its deadline timer', async () => {
    const [decided, withdrawn] = cases;
    const events = async (handle: DrivenCase['handle']) => (await plainClient.workflow.getHandle(handle.workflowId).fetchHistory()).events ?? [];
    const upserted = (history: temporal.api.history.v1.IHistoryEvent[]) => history
      .filter((e) => e.upsertWorkflowSearchAttributesEventAttributes)
      .map((e) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}).sort());
    const decidedHistory = await events(decided.handle);
    // Started as the API starts it, with service, authority and status STARTED already set.
    expect(upserted(decidedHistory)).toEqual([
      ['TemporalChangeVersion'], // [#6] Temporal records the `notifications` patch (patched()) itself, once
      ['LupaStatus'], // opened: DRAFT
      ['LupaDeadline', 'LupaStatus', 'LupaSubmittedAt'], // submitted and delivered
      ['LupaStatus'], // acknowledged: the handling deadline stays
      ['LupaDeadline', 'LupaStatus'], // supplement requested
      ['LupaDeadline', 'LupaStatus'], // supplemented
      ['LupaDeadline', 'LupaStatus'], // decided
    ]);
    const writes = decidedHistory.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordEvents');
    expect(writes).toHaveLength(8); // open, saveDraft, addAttachment, submit, acknowledge, requestSupplement, supplement, decide
    // A timer is started only when the next deadline comes before the running one: the draft expiry at open
    // (a later save moves it later), then the acknowledgement deadline at submission, earlier than all after it.
    const timers = decidedHistory.filter((e) => e.timerStartedEventAttributes);
    expect(timers).toHaveLength(2);
    const timeline = await client.workflow.getHandle(decided.handle.workflowId).query(timelineQuery);
    expect(await db('case_events').where({ application_id: decided.handle.workflowId }).orderBy('seq').pluck('type')).toEqual(timeline.map((e) => e.type));

    // Started without search attributes, the workflow sets them itself, in one upsert.
    expect(upserted(await events(withdrawn.handle)).slice(0, 2)).toEqual([['TemporalChangeVersion'], ['LupaAuthority', 'LupaService', 'LupaStatus']]);
  });

  it('records nothing for an update the workflow refuses', async () => {
    const [decided] = cases;
    const handle = client.workflow.getHandle(decided.handle.workflowId);
    const before = (await handle.fetchHistory()).events as temporal.api.history.v1.IHistoryEvent[];
    const refused = [
      () => handle.executeUpdate(decideUpdate, { args: [{ actor: officialOf('tukes'), outcome: 'APPROVED', text: 'x' }] }),
      () => handle.executeUpdate(saveDraftUpdate, { args: [{ actor: decided.applicant.actor, form: environmentalForm }] }),
      () => handle.executeUpdate(submitUpdate, { args: [{ actor: decided.applicant.actor, draftVersion: 9 }] }),
    ];
    for (const update of refused) await expect(update()).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    const after = (await handle.fetchHistory()).events as temporal.api.history.v1.IHistoryEvent[];
    expect(after.length).toBe(before.length);
  });
});
