import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { connectClient } from '../../infra/temporal/connection';
import { ensurePtvSyncSchedule } from '../../workers/ptv-sync-schedule';
import { testCoreConfig } from '../support/env';

describe('[#7] The PTV sync schedule when several workers start at once', () => {
  let clients: Client[];
  beforeAll(async () => { clients = await Promise.all([1, 2, 3].map(() => connectClient(testCoreConfig()))); });
  afterAll(async () => Promise.all(clients.map((client) => client.connection.close())));

  it('leaves one schedule, running one sync at a time, and no worker fails to start', async () => {
    const scheduleId = `ptv-sync-${randomUUID()}`;
    const outcomes = await Promise.allSettled(clients.map((client) => ensurePtvSyncSchedule(client, { taskQueue: 'multi-node-schedule', interval: '5m', scheduleId })));
    expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : o.status))).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);

    const found: string[] = [];
    for await (const schedule of clients[0].schedule.list()) if (schedule.scheduleId === scheduleId) found.push(schedule.scheduleId);
    expect(found).toEqual([scheduleId]);
    const handle = clients[0].schedule.getHandle(scheduleId);
    try {
      // A sync still running when the next is due makes it wait: never two syncs at once, however many workers.
      expect((await handle.describe()).policies.overlap).toBe(ScheduleOverlapPolicy.BUFFER_ONE);
    } finally {
      await handle.delete();
    }
  });
});
