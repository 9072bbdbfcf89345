/**
 * A worker process for test/palveluvayla/worker-crash.test.ts, configured from the environment (the
 * stack's task queue, XROAD_SECURITY_SERVER_URL of its sandbox): the test kills it in the middle of a send.
 */
import { createActivities } from '../../activities';
import { notificationDepsFromEnv } from '../../activities/notifications';
import { palveluvaylaFromEnv } from '../../activities/palveluvayla';
import { ptvDepsFromEnv } from '../../activities/ptv';
import { loadCoreConfig } from '../../infra/config/core';
import { createDb } from '../../infra/db';
import { logger } from '../../infra/logger';
import { connectWorker } from '../../infra/temporal/connection';
import { createWorker } from '../../workers/worker';

async function main(): Promise<void> {
  const config = loadCoreConfig();
  const db = createDb(config.DATABASE_URL);
  const connection = await connectWorker(config);
  const worker = await createWorker({ connection, config, activities: createActivities({ db, logger, ptv: ptvDepsFromEnv(), palveluvayla: palveluvaylaFromEnv(), notifications: notificationDepsFromEnv(config) }) });
  const running = worker.run();
  // The test waits for this line (the logger's level may hide info lines).
  process.stdout.write('test_worker_running\n');
  await running;
}

main().catch((err: unknown) => {
  logger.error({ err }, 'test worker failed');
  process.exit(1);
});
