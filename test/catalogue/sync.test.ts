import { randomUUID } from 'node:crypto';
import { WorkflowFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { PTV_SYNC_WORKFLOW_TYPE, type PtvSyncResult } from '../../workflows/catalogue/messages';
import { generateCoreSecrets } from '../../infra/launcher/dev-secrets';
import { connectClient } from '../../infra/temporal/connection';
import { ensurePtvSyncSchedule } from '../../workers/ptv-sync-schedule';
import { testCoreConfig } from '../support/env';
import { call, eventually, expectError, type Caller } from '../api/http';
import { startTestStack, type TestStack } from '../support/stack';
import { ownAuthority } from './support';

describe('[#5] The catalogue follows PTV', () => {
  let stack: TestStack;
  let tessa: Caller;

  beforeAll(async () => {
    stack = await startTestStack();
    tessa = await stack.login('suomifi', '010280-952L');
  });
  afterAll(async () => stack?.stop());

  const sync = (organisationIds: string[]) => stack.client.workflow.execute(PTV_SYNC_WORKFLOW_TYPE, {
    workflowId: `ptv-sync-test-${randomUUID()}`, taskQueue: stack.taskQueue, args: [{ organisationIds }],
  }) as Promise<PtvSyncResult>;

  it('renames a service PTV renamed, and makes a service PTV archived unavailable: starting it is refused', async () => {
    const { organisationId, services: [renamed, archived] } = await ownAuthority(stack.db, stack.ptv);
    stack.ptv.store.renameService(renamed.ptvId, 'sv', 'Nytt namn på tillståndet');
    stack.ptv.store.archiveService(archived.ptvId);

    const result = await sync([organisationId]);
    expect(result.outcomes).toEqual([{ organisationId, updated: [renamed.id], unavailable: [archived.id] }]);

    const list = await call(stack.baseUrl, {}, 'GET', '/api/v1/services');
    const ids = list.body.map((s: { id: string }) => s.id);
    expect(ids).toContain(renamed.id);
    expect(ids).not.toContain(archived.id);
    expect(list.body.find((s: { id: string }) => s.id === renamed.id).names).toMatchObject({ fi: 'Lupa 1 (fi)', sv: 'Nytt namn på tillståndet' });
    expect((await call(stack.baseUrl, {}, 'GET', `/api/v1/services/${archived.id}`)).body.active).toBe(false);

    const refused = await call(stack.baseUrl, tessa, 'POST', '/api/v1/applications', { body: { serviceId: archived.id } });
    const error = expectError(refused, 422, 'SERVICE_UNAVAILABLE_FOR_APPLICATIONS');
    expect(error.message).toMatch(/does not take applications/);
    const row = await stack.db('permit_services').where({ id: archived.id }).first();
    expect(row).toMatchObject({ publishing_status: 'Deleted' });
  });

  it('leaves a service the platform paused paused, although PTV publishes it', async () => {
    const { organisationId, services: [paused] } = await ownAuthority(stack.db, stack.ptv, 1);
    // The administrator's switch (PUT /api/v1/admin/services/{id} {enabled:false}, see admin.test.ts).
    await stack.db('permit_services').where({ id: paused.id }).update({ active: false });
    stack.ptv.store.renameService(paused.ptvId, 'fi', 'Uusi nimi tauon aikana');

    expect((await sync([organisationId])).outcomes[0].updated).toEqual([paused.id]);
    const list = await call(stack.baseUrl, {}, 'GET', '/api/v1/services');
    expect(list.body.map((s: { id: string }) => s.id)).not.toContain(paused.id);
    const refused = await call(stack.baseUrl, tessa, 'POST', '/api/v1/applications', { body: { serviceId: paused.id } });
    expectError(refused, 422, 'SERVICE_UNAVAILABLE_FOR_APPLICATIONS');
    // The sync still brought PTV's texts in.
    expect((await call(stack.baseUrl, {}, 'GET', `/api/v1/services/${paused.id}`)).body).toMatchObject({ active: false, names: { fi: 'Uusi nimi tauon aikana' } });
  });

  it('shows operators in /metrics when each PTV organisation was last synchronised', async () => {
    const { organisationId } = await ownAuthority(stack.db, stack.ptv, 1);
    const gauge = async () => {
      const text: string = (await call(stack.baseUrl, {}, 'GET', '/metrics')).body;
      const line = text.split('\n').find((l) => l.startsWith(`lupaflow_ptv_catalogue_synced_timestamp_seconds{organisation="${organisationId}"}`));
      return line === undefined ? undefined : Number(line.split(' ').pop());
    };
    expect(await gauge()).toBe(0);
    const before = Math.floor(Date.now() / 1000);
    await sync([organisationId]);
    expect(await gauge()).toBeGreaterThanOrEqual(before);
  });

  it('makes a service available again once PTV publishes it again', async () => {
    const { organisationId, services: [service] } = await ownAuthority(stack.db, stack.ptv, 1);
    stack.ptv.store.archiveService(service.ptvId);
    await sync([organisationId]);
    stack.ptv.store.services.get(service.ptvId)!.publishingStatus = 'Published';
    expect((await sync([organisationId])).outcomes[0].updated).toEqual([service.id]);
    const started = await call(stack.baseUrl, tessa, 'POST', '/api/v1/applications', { body: { serviceId: service.id } });
    expect(started.status).toBe(201);
  });

  it('reports an organisation PTV refuses as a failed run naming it, after syncing the others', async () => {
    const { organisationId, services: [service] } = await ownAuthority(stack.db, stack.ptv, 1);
    stack.ptv.store.renameService(service.ptvId, 'en', 'Renamed while another organisation fails');
    const failure = await sync(['not-a-ptv-guid', organisationId]).catch((err: WorkflowFailedError) => err);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe('PTV_SYNC_FAILED');
    expect(cause.message).toContain('not-a-ptv-guid');
    expect(cause.details?.[0]).toMatchObject({ outcomes: [{ organisationId, updated: [service.id] }], failed: [{ organisationId: 'not-a-ptv-guid' }] });
    expect((await stack.db('permit_services').where({ id: service.id }).first()).names.en).toBe('Renamed while another organisation fails');
  });

  it('keeps a Temporal schedule that starts the sync, created once and updated on the next start', async () => {
    const scheduleId = `ptv-sync-test-${randomUUID()}`;
    // No worker polls this queue: the started run stays put, so it syncs nothing other tests read.
    const taskQueue = `idle-${scheduleId}`;
    await ensurePtvSyncSchedule(stack.client, { taskQueue, interval: '1h', scheduleId });
    // The next start may be a worker with other payload keys (another deployment, a rotated ring): it must still update it.
    const otherKeys = await connectClient(testCoreConfig({ PAYLOAD_CODEC_KEYS: generateCoreSecrets().PAYLOAD_CODEC_KEYS }));
    try {
      await ensurePtvSyncSchedule(otherKeys, { taskQueue, interval: '30m', scheduleId });
    } finally {
      await otherKeys.connection.close();
    }
    const handle = stack.client.schedule.getHandle(scheduleId);
    try {
      const described = await handle.describe();
      expect(described.spec.intervals).toEqual([expect.objectContaining({ every: 30 * 60 * 1000 })]);
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: PTV_SYNC_WORKFLOW_TYPE, taskQueue });

      await handle.trigger();
      const started = await eventually(async () => (await handle.describe()).info.recentActions, (actions) => actions.length > 0);
      const run = stack.client.workflow.getHandle(started[0].action.workflow.workflowId, started[0].action.workflow.firstExecutionRunId);
      expect((await run.describe()).type).toBe(PTV_SYNC_WORKFLOW_TYPE);
      await run.terminate('test over');
    } finally {
      await handle.delete();
    }
  });
});
