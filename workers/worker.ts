import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import type { Activities } from '../activities';
import { createDataConverter, type TemporalConfig } from '../infra/temporal/connection';
import { telemetryOptions } from './telemetry/worker-options';
import type { WorkerTuning } from './tuning';

/** Entry point of the workflow bundle: every workflow this project runs. */
export const workflowsPath = require.resolve('../workflows');

/** Workflows kept in memory between tasks; ~1 MB each, so bounded explicitly (containers OOM otherwise). */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 500;

export interface CreateWorkerOptions {
  connection: NativeConnection;
  config: TemporalConfig & { TEMPORAL_TASK_QUEUE: string };
  activities: Activities;
  /** A prebuilt bundle (production, tests that bundle once); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  maxCachedWorkflows?: number;
  identity?: string;
  /** Concurrency and pollers from the operator's settings (workers/tuning.ts); absent: the SDK's defaults. */
  tuning?: WorkerTuning;
}

/**
 * A worker for the application task queue, running the workflows and every activity with the
 * encrypting data converter. Stateless: run as many as load needs.
 */
export function createWorker(opts: CreateWorkerOptions): Promise<Worker> {
  const { config } = opts;
  return Worker.create({
    connection: opts.connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath }),
    activities: opts.activities,
    dataConverter: createDataConverter(config),
    maxCachedWorkflows: opts.maxCachedWorkflows ?? DEFAULT_MAX_CACHED_WORKFLOWS,
    // Lets in-flight activities (short store writes) finish on SIGTERM before the worker exits.
    shutdownGraceTime: '10 seconds',
    ...(opts.identity ? { identity: opts.identity } : {}),
    // Metrics and log fields always; activity spans when this process started tracing.
    ...telemetryOptions(Boolean(opts.workflowBundle)),
    ...opts.tuning,
  });
}
