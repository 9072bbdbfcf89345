import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, migrateLatest } from '../infra/db';
import { generateCoreSecrets } from '../infra/launcher/dev-secrets';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../infra/launcher/embedded-postgres';
import { startEmbeddedTemporal, type EmbeddedTemporal } from '../infra/launcher/embedded-temporal';
import { freePort } from '../infra/launcher/ports';

/** What global-teardown stops (globalSetup and globalTeardown share this process's globalThis). */
export interface SharedTestServers {
  root: string;
  temporal: EmbeddedTemporal | null;
  postgres: EmbeddedPostgres | null;
}

declare global {
  var __lupaflowTestServers: SharedTestServers | undefined;
}

/**
 * Starts ONE Temporal dev server and ONE PostgreSQL for the whole jest run, applies the migrations and
 * puts their addresses and throw-away keys into process.env (see the test environment contract).
 */
export default async function globalSetup(): Promise<void> {
  const startedAt = Date.now();
  const root = mkdtempSync(path.join(os.tmpdir(), 'lupaflow-test-'));
  const servers: SharedTestServers = { root, temporal: null, postgres: null };
  globalThis.__lupaflowTestServers = servers;
  const temporalPort = await freePort();
  const postgresPort = await freePort();

  const [temporal, postgres] = await Promise.allSettled([
    startEmbeddedTemporal({ dbFile: path.join(root, 'temporal', 'test.sqlite'), port: temporalPort, synchronous: 'OFF' }),
    startEmbeddedPostgres({ dir: path.join(root, 'postgres'), port: postgresPort, password: randomBytes(18).toString('base64url'), fast: true }),
  ]);
  servers.temporal = temporal.status === 'fulfilled' ? temporal.value : null;
  servers.postgres = postgres.status === 'fulfilled' ? postgres.value : null;
  if (temporal.status === 'rejected' || postgres.status === 'rejected') {
    // Jest does not run globalTeardown when globalSetup throws: clean up here.
    const { default: globalTeardown } = await import('./global-teardown');
    await globalTeardown();
    throw temporal.status === 'rejected' ? temporal.reason : (postgres as PromiseRejectedResult).reason;
  }

  const db = createDb(postgres.value.databaseUrl, { max: 1 });
  try {
    await migrateLatest(db);
  } finally {
    await db.destroy();
  }

  const dataDir = path.join(root, 'data');
  mkdirSync(dataDir);
  Object.assign(process.env, {
    LUPAFLOW_ENV: 'test',
    DATA_DIR: dataDir,
    TEMPORAL_ADDRESS: temporal.value.address,
    TEMPORAL_NAMESPACE: temporal.value.namespace,
    DATABASE_URL: postgres.value.databaseUrl,
    ...generateCoreSecrets(),
  });
  process.env.LOG_LEVEL ??= 'warn';
  // Worker processes that tests start take a free port for /metrics, never the development default.
  process.env.WORKER_METRICS_PORT ??= '0';
  process.stdout.write(`\n[global-setup] Temporal ${temporal.value.address}, PostgreSQL 127.0.0.1:${postgresPort}, ready in ${Date.now() - startedAt} ms\n`);
}
