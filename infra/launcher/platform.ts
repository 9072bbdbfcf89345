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
import { sandboxEndpoints } from './sandbox-endpoints';
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
export async function startPlatform(opts: { env?: NodeJS.ProcessEnv; dataDir?: string; quiet?: boolean } = {}): Promise<RunningPlatform> {
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
    const sandboxUrls: Record<string, string> = {};
    let sandboxReady: Promise<unknown> = Promise.resolve();
    if (want.sandbox) {
      const endpoints = sandboxEndpoints(env, { suomifi: config.SANDBOX_SUOMIFI_PORT, virtu: config.SANDBOX_VIRTU_PORT, ptv: config.SANDBOX_PTV_PORT, valtuudet: config.SANDBOX_VALTUUDET_PORT,
        xroadSs: config.SANDBOX_XROAD_SS_PORT, xroadAuthoritySs: config.SANDBOX_XROAD_AUTHORITY_SS_PORT, authoritySystem: config.SANDBOX_AUTHORITY_SYSTEM_PORT,
        mailSmtp: config.SANDBOX_MAIL_SMTP_PORT, mailHttp: config.SANDBOX_MAIL_HTTP_PORT });
      env.SANDBOX_SUOMIFI_PORT = String(config.SANDBOX_SUOMIFI_PORT);
      env.SANDBOX_VIRTU_PORT = String(config.SANDBOX_VIRTU_PORT);
      env.SUOMIFI_IDP_METADATA ||= endpoints.metadataUrls.suomifi;
      env.VIRTU_IDP_METADATA ||= endpoints.metadataUrls.virtu;
      env.SANDBOX_PTV_PORT = String(config.SANDBOX_PTV_PORT);
      env.PTV_BASE_URL ||= endpoints.ptv.baseUrl;
      env.PTV_TOKEN_URL ||= endpoints.ptv.tokenUrl;
      env.PTV_USERNAME ||= 'lupaflow-dev@testi.fi';
      sandboxUrls.ptv = endpoints.ptv.baseUrl;
      env.SANDBOX_VALTUUDET_PORT = String(config.SANDBOX_VALTUUDET_PORT);
      env.VALTUUDET_BASE_URL ||= endpoints.valtuudet;
      sandboxUrls.valtuudet = endpoints.valtuudet;
      // X-Road: the platform sends through the sandbox security server, whose certificate its HTTPS provider listener trusts.
      env.SANDBOX_XROAD_SS_PORT = String(config.SANDBOX_XROAD_SS_PORT);
      env.SANDBOX_XROAD_AUTHORITY_SS_PORT = String(config.SANDBOX_XROAD_AUTHORITY_SS_PORT);
      env.SANDBOX_AUTHORITY_SYSTEM_PORT = String(config.SANDBOX_AUTHORITY_SYSTEM_PORT);
      env.XROAD_SECURITY_SERVER_URL ||= endpoints.xroad.securityServer;
      env.XROAD_SECURITY_SERVER_CERT_FILE ||= endpoints.xroad.securityServerCertFile;
      env.SANDBOX_XROAD_PROVIDER_URL ||= `https://127.0.0.1:${config.XROAD_PROVIDER_TLS_PORT}`;
      Object.assign(sandboxUrls, { xroadSecurityServer: endpoints.xroad.securityServer, xroadAuthoritySecurityServer: endpoints.xroad.authoritySecurityServer, authoritySystem: endpoints.xroad.authoritySystem });
      // Notifications go to the mail catcher; its HTTP API shows them.
      env.SANDBOX_MAIL_SMTP_PORT = String(config.SANDBOX_MAIL_SMTP_PORT);
      env.SANDBOX_MAIL_HTTP_PORT = String(config.SANDBOX_MAIL_HTTP_PORT);
      env.SMTP_URL ||= endpoints.mail.smtpUrl;
      Object.assign(sandboxUrls, { mailSmtp: endpoints.mail.smtpUrl, mailHttp: `${endpoints.mail.httpUrl}/messages` });
      Object.assign(sandboxUrls, { ...endpoints.urls, suomifiMetadata: endpoints.metadataUrls.suomifi, virtuMetadata: endpoints.metadataUrls.virtu });
      spawn('sandbox', childEnvironment(env));
      // The X-Road security server last: it has written the certificate the API's provider listener trusts.
      sandboxReady = Promise.all([...Object.values(endpoints.metadataUrls), `${endpoints.xroad.securityServer}/listClients`].map((url) => waitForHttpOk(url, READY_TIMEOUT_MS, gaveUp)));
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
      stop,
      failed,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

