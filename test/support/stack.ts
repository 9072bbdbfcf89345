import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createActivities } from '../../activities';
import type { NotificationDeps } from '../../activities/notifications';
import type { RunningMailCatcher } from '../../sandbox/mail';
import { createPtvDeps } from '../../activities/ptv';
import { valtuudetDepsFromEnv } from '../../activities/valtuudet';
import type { ValtuudetSandbox } from '../../sandbox/valtuudet';
import type { RunningPtvSandbox } from '../../sandbox/ptv';
import { createApp } from '../../api/app';
import { answerClientErrors } from '../../api/client-errors';
import { loadApiConfig } from '../../api/config';
import { createAuthModule } from '../../api/session/auth-module';
import { createDb } from '../../infra/db';
import { logger } from '../../infra/logger';
import { createPiiCrypto } from '../../infra/pii';
import { connectClient, connectWorker } from '../../infra/temporal/connection';
import { loginThroughSandbox } from '../../sandbox/saml-idp/driver';
import { createWorker } from '../../workers/worker';
import type { Caller } from '../api/http';
import { testCoreConfig, testDataDir } from './env';
import { startSamlSandbox } from './login';
import { startMailForTests } from './mail';
import { startPtvForStack } from './ptv';
import { startValtuudetForStack } from './valtuudet';
import { startXroadForStack, type XroadForStack } from './xroad';

export interface TestStack {
  baseUrl: string;
  app: Express;
  db: Knex;
  client: Client;
  /** The task queue of this stack's worker. */
  taskQueue: string;
  /** The sandbox PTV this stack's platform reads and writes. */
  ptv: RunningPtvSandbox;
  /** The sandbox Suomi.fi e-Authorizations service (revoke mandates, stop and restart it). */
  valtuudet: ValtuudetSandbox;
  /** The sandbox X-Road security servers and authority system, and the platform's provider listeners (stop/start them). */
  xroad: XroadForStack;
  /** The sandbox mail catcher the worker's notifications go to, and those dependencies (for workers a test starts itself). */
  mail: RunningMailCatcher;
  notifications: NotificationDeps;
  /** Logs in through the sandbox IdP with real SAML; returns the cookie and CSRF token to call the API with. */
  login(idp: 'suomifi' | 'virtu', user: string, method?: string): Promise<Caller>;
  /** Shuts this stack's worker down (workflows stop progressing; the API keeps answering). Idempotent. */
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The platform for API tests, in process: the shared Temporal and PostgreSQL of the global setup, the
 * sandbox IdPs, a worker on a task queue of its own, and the API on a free port. Logins are real SAML.
 * `env` sets the API's own settings (api/config.ts), e.g. a short APPLICATION_START_TIMEOUT_MS.
 */
export async function startTestStack(opts: { env?: NodeJS.ProcessEnv } = {}): Promise<TestStack> {
  // Listening first gives the free port the SAML endpoints and the IdPs' trust must name.
  const server = http.createServer();
  answerClientErrors(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    // The API stops first, then what it used, in the reverse order of starting.
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    for (const cleanup of cleanups.reverse()) await cleanup();
  };

  try {
    const { env: samlEnv, sandbox } = await startSamlSandbox(baseUrl, testDataDir('stack-'));
    cleanups.push(() => sandbox.stop());
    const ptv = await startPtvForStack(baseUrl, opts.env);
    cleanups.push(() => ptv.sandbox.stop());
    const valtuudet = await startValtuudetForStack();
    cleanups.push(() => valtuudet.sandbox.stop());
    // A task queue per stack, so that workers of other test files never pick up this file's workflows.
    const config = testCoreConfig({ PUBLIC_BASE_URL: baseUrl, TEMPORAL_TASK_QUEUE: `api-test-${randomUUID()}` });

    const db = createDb(config.DATABASE_URL);
    cleanups.push(() => db.destroy());
    const client = await connectClient(config);
    cleanups.push(() => client.connection.close());
    const xroad = await startXroadForStack({ db, temporal: client, dataDir: testDataDir('xroad-') });
    cleanups.push(() => xroad.stop());

    const mail = await startMailForTests({ PUBLIC_BASE_URL: baseUrl });
    cleanups.push(() => mail.catcher.stop());

    const connection = await connectWorker(config);
    cleanups.push(() => connection.close());
    const worker = await createWorker({ connection, config, activities: createActivities({ db, logger, ptv: createPtvDeps({ ...ptv.config, XROAD_SECURITY_SERVER_URL: xroad.sandbox.urls.platformSecurityServer }), palveluvayla: xroad.client, valtuudet: valtuudetDepsFromEnv(db, config, { ...valtuudet.env, LUPAFLOW_ENV: 'test' }), notifications: mail.deps }) });
    const running = worker.run();
    let stopped: Promise<void> | undefined;
    const stopWorker = () => {
      stopped ??= (async () => {
        worker.shutdown();
        await running;
      })();
      return stopped;
    };
    cleanups.push(stopWorker);

    const pii = createPiiCrypto(config.PII_ENCRYPTION_KEYS, config.PII_HASH_KEY);
    const auth = createAuthModule({ config, db, pii, env: { ...process.env, ...samlEnv } });
    const app = createApp({ config: { ...config, ...loadApiConfig({ ...process.env, ...opts.env }) }, db, temporal: client, auth, logger, ptv: ptv.config,
      valtuudet: valtuudetDepsFromEnv(db, config, { ...valtuudet.env, LUPAFLOW_ENV: 'test' }) });
    server.on('request', app);

    return {
      baseUrl,
      app,
      db,
      client,
      ptv: ptv.sandbox,
      valtuudet: valtuudet.sandbox,
      xroad,
      mail: mail.catcher,
      notifications: mail.deps,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      login: (idp, user, method) => loginThroughSandbox({ apiBaseUrl: baseUrl, idp, user, method }),
      stopWorker,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
