/**
 * Re-records the workflow history fixtures that test/workflows/replay.test.ts replays: starts a
 * throw-away Temporal dev server and PostgreSQL, runs a few lifecycles with a real worker and writes
 * each history to test/fixtures/histories/<name>.json. Payloads are encrypted with the committed
 * TEST-ONLY fixture key. Run: `npx tsx scripts/record-histories.ts` (after a workflow change that is
 * meant to be incompatible, together with a patched() guard for running cases).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { createActivities } from '../activities';
import { createSmtpMailer, loadMailConfig } from '../activities/notifications';
import { startMailCatcher, type RunningMailCatcher } from '../sandbox/mail';
import { palveluvaylaFromEnv } from '../activities/palveluvayla';
import { ptvDepsFromEnv } from '../activities/ptv';
import { createDb, migrateLatest } from '../infra/db';
import { startEmbeddedPostgres } from '../infra/launcher/embedded-postgres';
import { startEmbeddedTemporal } from '../infra/launcher/embedded-temporal';
import { freePort } from '../infra/launcher/ports';
import { logger } from '../infra/logger';
import { createPiiCrypto } from '../infra/pii';
import { connectWorker, createDataConverter } from '../infra/temporal/connection';
import { createWorker } from '../workers/worker';
import { FIXTURE_CODEC_KEYS } from '../test/workflows/support/case-fixtures';
import { driveLifecycles } from '../test/workflows/support/lifecycles';

const OUT = path.join(__dirname, '..', 'test', 'fixtures', 'histories');
const TASK_QUEUE = 'record-histories';

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'lupaflow-record-'));
  const temporal = await startEmbeddedTemporal({ dbFile: path.join(root, 'temporal.sqlite'), port: await freePort() });
  const postgres = await startEmbeddedPostgres({ dir: path.join(root, 'pg'), port: await freePort(), password: 'record-histories', fast: true });
  const db = createDb(postgres.databaseUrl);
  let mail: RunningMailCatcher | undefined;
  try {
    await migrateLatest(db);
    const config = {
      TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: temporal.namespace, TEMPORAL_TASK_QUEUE: TASK_QUEUE,
      PAYLOAD_CODEC_KEYS: FIXTURE_CODEC_KEYS,
    };
    // The authority's notification of each submission goes to a mail catcher of this run.
    mail = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    const notifications = {
      mailer: createSmtpMailer(loadMailConfig({ SMTP_URL: mail.smtpUrl })), pii: createPiiCrypto(FIXTURE_CODEC_KEYS, randomBytes(32)), publicBaseUrl: 'http://localhost:3000',
    };
    const worker = await createWorker({ connection: await connectWorker(config), config, activities: createActivities({ db, logger, ptv: ptvDepsFromEnv(), palveluvayla: palveluvaylaFromEnv(), notifications }) });
    const client = new Client({
      connection: await Connection.connect({ address: temporal.address }), namespace: temporal.namespace, dataConverter: createDataConverter(config),
    });
    const cases = await worker.runUntil(driveLifecycles(client, db, TASK_QUEUE));
    for (const { name, handle } of cases) {
      const file = path.join(OUT, `${name}.json`);
      writeFileSync(file, `${JSON.stringify(JSON.parse(historyToJSON(await handle.fetchHistory())), null, 1)}\n`);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
    await client.connection.close();
  } finally {
    await db.destroy();
    await Promise.allSettled([temporal.stop(), postgres.stop(), mail?.stop()]);
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
