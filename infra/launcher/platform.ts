import path from 'node:path';
import { logger } from '../logger';
import { loadCoreConfig } from '../config/core';
import { createDb, migrateLatest } from '../db';
import { temporalCliPath } from '../temporal/binaries';
import { clearOrphanedChildren, startChild, type Child } from './children';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { startEmbeddedTemporal, type EmbeddedTemporal } from './embedded-temporal';
import { childEnvironment, prepareEnvironment } from './environment';
import { assertPortsFree } from './port-check';
import { pointAtSandbox } from './sandbox-environment';
import { waitForHttpOk } from './wait-for-http';
import { waitForWorkerPolling } from './wait-for-worker';

/** Addresses of a running platform, and how to stop it. */
export interface RunningPlatform {
  apiUrl: string;
  /** Where the API process's X-Road provider service listens (plain HTTP, then HTTPS with client certificates). */
  xroadProviderUrls: string[];
  temporalAddress: string;
  temporalUiUrl: string | null;
  /** Contains the password: print it only through `redactUrl`. */
  databaseUrl: string;
  sandboxUrls: Record<string, string>;
  /** The worker's Prometheus endpoint (null when WORKER_METRICS_PORT is 0: the worker logs the port it got). */
  workerMetricsUrl: string | null;
  /** The worker processes' pids (the bench measures their memory). */
  workerPids: number[];
  /** Stops every child, then the embedded servers; safe to call more than once. */
  stop(): Promise<void>;
  /** Resolves with a reason if a child exits on its own after start-up (the platform has then stopped itself). */
  failed: Promise<string>;
}

const READY_TIMEOUT_MS = 60_000;
const log = logger.child({ component: 'launcher' });

/**
 * Starts what the configuration does not provide (embedded Temporal, embedded PostgreSQL, the
 * sandbox IdPs), applies the migrations, then the worker and API processes; resolves once the API's
 * /health answers and the worker polls. `env` is the whole environment to use (default: process.env).
 */
export async function startPlatform(opts: {
  env?: NodeJS.ProcessEnv; dataDir?: string; quiet?: boolean;
  /** Receives the worker's, API's and sandbox's output lines instead of stdout (tests read the logs); `quiet` still wins. */
  onChildLine?: (child: Child['name'], line: string) => void;
} = {}): Promise<RunningPlatform> {
  const { env, config, want } = prepareEnvironment(opts.env ?? process.env, opts.dataDir);
  const dataDir = env.DATA_DIR as string;
  // Fail before anything starts if the dev server binary is missing (the message says how to install it).
  if (want.temporal) temporalCliPath();
  const echo = (name: string) => (opts.quiet ? undefined : (line: string) => process.stdout.write(`[${name}] ${line}\n`));

  // The embedded servers check their own ports, after stopping what a killed run may have left on them.
  await clearOrphanedChildren(dataDir);
  await assertPortsFree([
    { port: config.core.API_PORT, variable: 'API_PORT' },
    { port: config.XROAD_PROVIDER_PORT, variable: 'XROAD_PROVIDER_PORT' },
    { port: config.XROAD_PROVIDER_TLS_PORT, variable: 'XROAD_PROVIDER_TLS_PORT' },
    ...(config.WORKER_METRICS_PORT ? [{ port: config.WORKER_METRICS_PORT, variable: 'WORKER_METRICS_PORT' }] : []),
    ...(want.sandbox ? [
      { port: config.SANDBOX_SUOMIFI_PORT, variable: 'SANDBOX_SUOMIFI_PORT' },
      { port: config.SANDBOX_VIRTU_PORT, variable: 'SANDBOX_VIRTU_PORT' },
      { port: config.SANDBOX_PTV_PORT, variable: 'SANDBOX_PTV_PORT' },
      { port: config.SANDBOX_VALTUUDET_PORT, variable: 'SANDBOX_VALTUUDET_PORT' },
      { port: config.SANDBOX_XROAD_SS_PORT, variable: 'SANDBOX_XROAD_SS_PORT' },
      { port: config.SANDBOX_XROAD_AUTHORITY_SS_PORT, variable: 'SANDBOX_XROAD_AUTHORITY_SS_PORT' },
      { port: config.SANDBOX_AUTHORITY_SYSTEM_PORT, variable: 'SANDBOX_AUTHORITY_SYSTEM_PORT' },
      { port: config.SANDBOX_MAIL_SMTP_PORT, variable: 'SANDBOX_MAIL_SMTP_PORT' },
      { port: config.SANDBOX_MAIL_HTTP_PORT, variable: 'SANDBOX_MAIL_HTTP_PORT' },
    ] : []),
  ]);

  const children: Child[] = [];
  let temporal: EmbeddedTemporal | null = null;
  let postgres: EmbeddedPostgres | null = null;
  let died: string | null = null;
  let reportFailure: (reason: string) => void = () => undefined;
  const failed = new Promise<string>((resolve) => { reportFailure = resolve; });

  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= (async () => {
    await Promise.all(children.map((child) => child.stop()));
    await Promise.all([temporal?.stop(), postgres?.stop()]);
    log.info({ event: 'platform_stopped' }, 'platform stopped');
  })());

  // Start-up waits give up as soon as a child dies or start-up failed elsewhere.
  const gaveUp = () => died ?? (stopping ? 'the platform was stopped' : null);
  let ready = false;
  const spawn = (name: Child['name'], childEnv: NodeJS.ProcessEnv) => {
    const child = startChild(name, childEnv, {
      dataDir,
      quiet: !!opts.quiet,
      onLine: opts.onChildLine && ((line) => opts.onChildLine?.(name, line)),
      onUnexpectedExit: (c, code, signal) => {
        // Unless quiet, its output was already printed as it came.
        died = `The ${c.name} process exited unexpectedly (code ${code}, signal ${signal}).${opts.quiet ? `\n${c.recentOutput()}` : ''}`;
        if (!ready) return;
        log.error({ event: 'child_exited', child: c.name, code, signal }, 'a platform process exited; stopping everything');
        void stop().then(() => reportFailure(died ?? ''));
      },
    });
    children.push(child);
    return child;
  };

  try {
    // The sandbox needs neither Temporal nor PostgreSQL: start it first, in parallel with them.
    let sandboxUrls: Record<string, string> = {};
    let sandboxReady: Promise<unknown> = Promise.resolve();
    if (want.sandbox) {
      const pointed = pointAtSandbox(env, config);
      sandboxUrls = pointed.sandboxUrls;
      spawn('sandbox', childEnvironment(env));
      sandboxReady = Promise.all(pointed.readyUrls.map((url) => waitForHttpOk(url, READY_TIMEOUT_MS, gaveUp)));
      sandboxReady.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    }

    const [t, p] = await Promise.allSettled([
      want.temporal ? startEmbeddedTemporal({
        dbFile: path.join(dataDir, 'temporal', 'lupaflow.sqlite'),
        port: config.EMBEDDED_TEMPORAL_PORT,
        uiPort: config.EMBEDDED_TEMPORAL_UI_PORT,
        // The Web UI decrypts payloads through the API, for operators (api/codec).
        uiCodecEndpoint: `${config.core.PUBLIC_BASE_URL.replace(/\/$/, '')}/codec`,
        namespace: config.core.TEMPORAL_NAMESPACE,
        onLine: echo('temporal'),
      }) : null,
      want.postgres ? startEmbeddedPostgres({
        dir: path.join(dataDir, 'postgres'),
        port: config.EMBEDDED_PG_PORT,
        password: env.EMBEDDED_PG_PASSWORD ?? '',
      }) : null,
    ]);
    temporal = t.status === 'fulfilled' ? t.value : null;
    postgres = p.status === 'fulfilled' ? p.value : null;
    if (t.status === 'rejected') throw t.reason;
    if (p.status === 'rejected') throw p.reason;
    if (temporal) env.TEMPORAL_ADDRESS = temporal.address;
    // The API lets the embedded Web UI's origin call /codec (api/codec), on the host name of PUBLIC_BASE_URL's cookie.
    if (temporal?.uiUrl) env.TEMPORAL_UI_ORIGIN ||= `http://localhost:${config.EMBEDDED_TEMPORAL_UI_PORT}`;
    if (postgres) env.DATABASE_URL = postgres.databaseUrl;

    const db = createDb(env.DATABASE_URL as string, { max: 1 });
    try {
      await migrateLatest(db);
    } finally {
      await db.destroy();
    }

    const childEnv = childEnvironment(env);
    const worker = spawn('worker', childEnv);
    await sandboxReady;
    spawn('api', childEnv);
    const apiUrl = `http://localhost:${config.core.API_PORT}`;
    await Promise.all([
      waitForHttpOk(`${apiUrl}/health`, READY_TIMEOUT_MS, gaveUp),
      waitForWorkerPolling(loadCoreConfig(env), worker.child.pid as number, READY_TIMEOUT_MS, gaveUp),
    ]);
    ready = true;
    log.info({ event: 'platform_ready' }, 'platform ready');
    return {
      apiUrl,
      xroadProviderUrls: [`http://localhost:${config.XROAD_PROVIDER_PORT}`, `https://localhost:${config.XROAD_PROVIDER_TLS_PORT}`],
      temporalAddress: env.TEMPORAL_ADDRESS as string,
      // As localhost, like the API: the same site, so the operator's session cookie reaches /codec from the UI.
      temporalUiUrl: temporal?.uiUrl ? `http://localhost:${config.EMBEDDED_TEMPORAL_UI_PORT}` : null,
      databaseUrl: env.DATABASE_URL as string,
      sandboxUrls,
      workerMetricsUrl: config.WORKER_METRICS_PORT ? `http://localhost:${config.WORKER_METRICS_PORT}/metrics` : null,
      workerPids: [worker.child.pid as number],
      stop,
      failed,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

