import { Client, Connection } from '@temporalio/client';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { startPlatform, type RunningPlatform } from '../../infra/launcher/platform';
import { isListening } from '../../infra/launcher/ports';
import { freePort, testDataDir } from '../support/env';

/** Variables the shared test environment sets that would make the launcher skip what this test wants it to start. */
const PROVIDED_BY_GLOBAL_SETUP = [
  'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'DATABASE_URL', 'PAYLOAD_CODEC_KEYS', 'PII_ENCRYPTION_KEYS', 'PII_HASH_KEY',
  'SUOMIFI_IDP_METADATA', 'VIRTU_IDP_METADATA', 'SAML_SP_KEY_FILE', 'SAML_SP_CERT_FILE', 'DATA_DIR',
];

async function freshPorts() {
  const ports: Record<string, number> = {};
  const taken = new Set<number>();
  for (const name of ['EMBEDDED_TEMPORAL_PORT', 'EMBEDDED_TEMPORAL_UI_PORT', 'EMBEDDED_PG_PORT', 'API_PORT', 'SANDBOX_SUOMIFI_PORT', 'SANDBOX_VIRTU_PORT',
    'XROAD_PROVIDER_PORT', 'XROAD_PROVIDER_TLS_PORT', 'SANDBOX_XROAD_SS_PORT', 'SANDBOX_XROAD_AUTHORITY_SS_PORT', 'SANDBOX_AUTHORITY_SYSTEM_PORT',
    'SANDBOX_MAIL_SMTP_PORT', 'SANDBOX_MAIL_HTTP_PORT']) {
    let port = await freePort();
    while (taken.has(port)) port = await freePort();
    taken.add(port);
    ports[name] = port;
  }
  return ports;
}

function launcherEnv(ports: Record<string, number>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LUPAFLOW_ENV: 'development', PUBLIC_BASE_URL: `http://localhost:${ports.API_PORT}` };
  for (const name of PROVIDED_BY_GLOBAL_SETUP) delete env[name];
  for (const [name, port] of Object.entries(ports)) env[name] = String(port);
  return env;
}

describe('startPlatform (issue 2: one command runs everything)', () => {
  it('starts embedded Temporal, PostgreSQL, the sandbox, worker and API on a fresh data dir; stops leaving nothing listening; a second start finds the data', async () => {
    const dataDir = testDataDir('platform-');
    const ports = await freshPorts();
    const workflowId = `launcher-persistence-${Date.now()}`;

    let platform: RunningPlatform = await startPlatform({ env: launcherEnv(ports), dataDir, quiet: true });
    try {
      expect((await fetch(`${platform.apiUrl}/health`)).status).toBe(200);
      expect(platform.temporalAddress).toBe(`127.0.0.1:${ports.EMBEDDED_TEMPORAL_PORT}`);
      expect((await fetch(platform.temporalUiUrl as string)).status).toBe(200);
      expect(platform.databaseUrl).toContain(`:${ports.EMBEDDED_PG_PORT}/lupaflow`);
      const metadata = await fetch(platform.sandboxUrls.suomifiMetadata);
      expect(await metadata.text()).toContain('EntityDescriptor');
      // [#6] The mail catcher the platform's notifications go to.
      expect(platform.sandboxUrls.mailSmtp).toBe(`smtp://127.0.0.1:${ports.SANDBOX_MAIL_SMTP_PORT}`);
      expect(await (await fetch(platform.sandboxUrls.mailHttp)).json()).toEqual([]);

      // Leave a mark in both stores for the second start to find.
      const connection = await Connection.connect({ address: platform.temporalAddress });
      await new Client({ connection }).workflow.start('NoSuchWorkflow', { taskQueue: 'nobody-polls-this', workflowId });
      await connection.close();
      const pg = new PgClient({ connectionString: platform.databaseUrl });
      await pg.connect();
      await pg.query('CREATE TABLE launcher_probe (note text)');
      await pg.end();
    } finally {
      await platform.stop();
    }
    for (const [name, port] of Object.entries(ports)) {
      expect([name, await isListening(port)]).toEqual([name, false]);
    }

    // Generated development secrets are readable by their owner only, and kept for the next start.
    for (const file of ['dev-secrets.json', 'saml-sp-key.pem', 'saml-sp-cert.pem']) {
      expect([file, statSync(path.join(dataDir, 'secrets', file)).mode & 0o777]).toEqual([file, 0o600]);
    }
    const secretsBefore = readFileSync(path.join(dataDir, 'secrets', 'dev-secrets.json'), 'utf8');
    platform = await startPlatform({ env: launcherEnv(ports), dataDir, quiet: true });
    try {
      const connection = await Connection.connect({ address: platform.temporalAddress });
      const description = await new Client({ connection }).workflow.getHandle(workflowId).describe();
      await connection.close();
      expect(description.status.name).toBe('RUNNING');
      const pg = new PgClient({ connectionString: platform.databaseUrl });
      await pg.connect();
      const { rowCount } = await pg.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'launcher_probe'");
      await pg.end();
      expect(rowCount).toBe(1);
      expect(readFileSync(path.join(dataDir, 'secrets', 'dev-secrets.json'), 'utf8')).toBe(secretsBefore);
    } finally {
      await platform.stop();
    }
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);
  }, 180_000);

  it('starts nothing embedded when TEMPORAL_ADDRESS and DATABASE_URL are given', async () => {
    const dataDir = testDataDir('external-');
    const ports = await freshPorts();
    const env = {
      ...launcherEnv(ports),
      // The shared test servers stand in for an external cluster and database.
      TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
      DATABASE_URL: process.env.DATABASE_URL,
      TEMPORAL_TASK_QUEUE: `launcher-external-${Date.now()}`,
    };
    const platform = await startPlatform({ env, dataDir, quiet: true });
    try {
      expect((await fetch(`${platform.apiUrl}/health`)).status).toBe(200);
      expect(platform.temporalAddress).toBe(process.env.TEMPORAL_ADDRESS);
      expect(platform.temporalUiUrl).toBeNull();
      expect(platform.databaseUrl).toBe(process.env.DATABASE_URL);
      for (const name of ['EMBEDDED_TEMPORAL_PORT', 'EMBEDDED_TEMPORAL_UI_PORT', 'EMBEDDED_PG_PORT']) {
        expect([name, await isListening(ports[name])]).toEqual([name, false]);
      }
      expect(readdirSync(dataDir)).not.toContain('temporal');
      expect(readdirSync(dataDir)).not.toContain('postgres');
    } finally {
      await platform.stop();
    }
  }, 120_000);
});

