/**
 * The worker process: validates configuration, connects to PostgreSQL and Temporal, and runs the
 * application worker until SIGINT/SIGTERM, then drains and closes its connections.
 */
import { z } from 'zod';
import { createActivities } from '../activities';
import { notificationDepsFromEnv } from '../activities/notifications';
import { palveluvaylaFromEnv } from '../activities/palveluvayla';
import { ptvDepsFromEnv } from '../activities/ptv';
import { valtuudetDepsFromEnv } from '../activities/valtuudet';
import { loadCoreConfig } from '../infra/config/core';
import { workerMetricsShape } from '../infra/config/observability';
import { ConfigError, parseEnv } from '../infra/config/env';
import { createDb } from '../infra/db';
import { logger } from '../infra/logger';
import { connectWorker } from '../infra/temporal/connection';
import { startTracing } from '../infra/telemetry/tracing';
import { serveWorkerMetrics } from './telemetry/metrics-server';
import { installWorkerRuntime } from './telemetry/runtime';
import { createWorker, DEFAULT_MAX_CACHED_WORKFLOWS } from './worker';
import { ensurePtvSyncScheduleAtStart } from './ptv-sync-schedule';
import { workerTuning, workerTuningShape } from './tuning';

const workerShape = {
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(DEFAULT_MAX_CACHED_WORKFLOWS),
  /** A prebuilt workflow bundle (bundleWorkflowCode output); unset: bundle at start. */
  WORKER_BUNDLE_PATH: z.string().optional(),
};

async function main(): Promise<void> {
  const config = { ...loadCoreConfig(), ...parseEnv({ ...workerShape, ...workerMetricsShape, ...workerTuningShape }) };
  // Before the worker is created: it adds activity spans when tracing is on.
  const tracing = startTracing('lupaflow-worker');
  const { sdkMetricsUrl } = await installWorkerRuntime(logger);
  const metrics = await serveWorkerMetrics({ port: config.WORKER_METRICS_PORT, sdkMetricsUrl, logger });
  logger.info({ event: 'worker_metrics_listening', url: metrics.url, tracing: tracing !== null }, 'worker metrics at /metrics');
  // Before the worker exists, so that a failure here is reported as it is.
  await ensurePtvSyncScheduleAtStart(config, logger);
  const db = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX });
  const connection = await connectWorker(config);
  try {
    const worker = await createWorker({
      connection,
      config,
      activities: createActivities({ db, logger, ptv: ptvDepsFromEnv(), palveluvayla: palveluvaylaFromEnv(), valtuudet: valtuudetDepsFromEnv(db, config), notifications: notificationDepsFromEnv(config) }),
      workflowBundle: config.WORKER_BUNDLE_PATH ? { codePath: config.WORKER_BUNDLE_PATH } : undefined,
      maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
      tuning: workerTuning(config),
    });
    logger.info({ event: 'worker_started', task_queue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'worker running');
    await worker.run();
    logger.info({ event: 'worker_stopped' }, 'worker stopped');
  } finally {
    await connection.close();
    await db.destroy();
    await metrics.close();
    await tracing?.shutdown();
  }
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    logger.error({ event: 'worker_failed', err }, 'worker failed');
  }
  process.exit(1);
});
