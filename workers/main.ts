/**
 * The worker process: validates configuration, connects to PostgreSQL and Temporal, and runs the
 * application worker until SIGINT/SIGTERM, then drains and closes its connections.
 */
import { z } from 'zod';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { createActivities } from '../activities';
import { notificationDepsFromEnv } from '../activities/notifications';
import { palveluvaylaFromEnv } from '../activities/palveluvayla';
import { ptvDepsFromEnv } from '../activities/ptv';
import { valtuudetDepsFromEnv } from '../activities/valtuudet';
import { loadCoreConfig } from '../infra/config/core';
import { ConfigError, parseEnv } from '../infra/config/env';
import { createDb } from '../infra/db';
import { logger } from '../infra/logger';
import { connectWorker } from '../infra/temporal/connection';
import { createWorker, DEFAULT_MAX_CACHED_WORKFLOWS } from './worker';
import { ensurePtvSyncScheduleAtStart } from './ptv-sync-schedule';

const workerShape = {
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(DEFAULT_MAX_CACHED_WORKFLOWS),
  /** A prebuilt workflow bundle (bundleWorkflowCode output); unset: bundle at start. */
  WORKER_BUNDLE_PATH: z.string().optional(),
};

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error',
};

async function main(): Promise<void> {
  const config = { ...loadCoreConfig(), ...parseEnv(workerShape) };
  // The SDK's shutdown on these signals drains the worker; run() then resolves and we close the rest.
  Runtime.install({
    shutdownSignals: ['SIGINT', 'SIGTERM'],
    logger: new DefaultLogger('INFO', ({ level, message, meta }) => logger[PINO_LEVEL[level]]({ event: 'temporal_sdk', ...meta }, message)),
  });
  // Before the worker exists, so that a failure here is reported as it is.
  await ensurePtvSyncScheduleAtStart(config, logger);
  const db = createDb(config.DATABASE_URL);
  const connection = await connectWorker(config);
  try {
    const worker = await createWorker({
      connection,
      config,
      activities: createActivities({ db, logger, ptv: ptvDepsFromEnv(), palveluvayla: palveluvaylaFromEnv(), valtuudet: valtuudetDepsFromEnv(db, config), notifications: notificationDepsFromEnv(config) }),
      workflowBundle: config.WORKER_BUNDLE_PATH ? { codePath: config.WORKER_BUNDLE_PATH } : undefined,
      maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    });
    logger.info({ event: 'worker_started', task_queue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'worker running');
    await worker.run();
    logger.info({ event: 'worker_stopped' }, 'worker stopped');
  } finally {
    await connection.close();
    await db.destroy();
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
