import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import { loadPtvConfig } from '../activities/ptv/config';
import type { CoreConfig } from '../infra/config/core';
import { connectClient } from '../infra/temporal/connection';
import type { Logger } from '../infra/logger';
import { PTV_SYNC_SCHEDULE_ID, PTV_SYNC_WORKFLOW_TYPE } from '../workflows/catalogue/messages';

export interface PtvSyncScheduleOptions {
  taskQueue: string;
  /** e.g. `5m` (PTV_SYNC_INTERVAL). */
  interval: Duration;
  /** Default PTV_SYNC_SCHEDULE_ID; tests use their own. */
  scheduleId?: string;
}

/**
 * Creates the Temporal schedule of the PTV catalogue sync, or brings an existing one to these
 * settings: every worker runs this at start, so the schedule always matches the configuration.
 * A run still going when the next is due makes the next one wait its turn (BUFFER_ONE).
 */
export async function ensurePtvSyncSchedule(client: Client, opts: PtvSyncScheduleOptions): Promise<string> {
  const scheduleId = opts.scheduleId ?? PTV_SYNC_SCHEDULE_ID;
  const options: ScheduleOptions = {
    scheduleId,
    spec: { intervals: [{ every: opts.interval }] },
    action: {
      type: 'startWorkflow',
      workflowType: PTV_SYNC_WORKFLOW_TYPE,
      workflowId: `${scheduleId}-run`,
      taskQueue: opts.taskQueue,
      // No arguments (the sync then covers every linked organisation): a schedule whose action carries no
      // payload can be updated by any worker, whatever its payload codec keys.
      args: [],
    },
    policies: { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: '10 minutes' },
  };
  try {
    await client.schedule.create(options);
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec: options.spec, action: options.action, policies: options.policies }));
  }
  return scheduleId;
}

/**
 * At worker start: the schedule at the configured PTV_SYNC_INTERVAL, on the worker's task queue. A
 * failure is logged as an error and the worker runs on: cases must not wait for the catalogue sync.
 */
export async function ensurePtvSyncScheduleAtStart(config: CoreConfig, log: Logger, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const interval = loadPtvConfig(env).PTV_SYNC_INTERVAL as Duration;
  try {
    const client = await connectClient(config);
    try {
      await ensurePtvSyncSchedule(client, { taskQueue: config.TEMPORAL_TASK_QUEUE, interval });
    } finally {
      await client.connection.close();
    }
  } catch (err) {
    log.error({ event: 'ptv_sync_schedule_failed', err }, 'could not create or update the PTV sync schedule');
  }
}
