import { platformLogLevel } from './own-log-level';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startPlatform } from '../infra/launcher/platform';
import { freePort } from '../infra/launcher/ports';

/** A platform of the bench's own: fresh data dir, free ports, so a running `npm start` is never touched. */
export interface BenchPlatform {
  /** = apiUrls[0]. */
  apiUrl: string;
  /** Every API instance; clients spread their calls over them round-robin (sessions live in PostgreSQL). */
  apiUrls: string[];
  /** The worker processes (for memory figures); empty when unknown. */
  workerPids: number[];
  /** The running sandbox's URLs, by name (startPlatform's sandboxUrls). */
  sandboxUrls: Record<string, string>;
  /** True for a platform started elsewhere (BENCH_API_URLS): the suite neither starts nor stops it. */
  external: boolean;
  temporalAddress: string;
  temporalNamespace: string;
  databaseUrl: string;
  dataDir: string;
  /** Time from the startPlatform call until the API's /health answered. */
  startupMs: number;
  /** Resolves with a reason if a platform process dies during the run. */
  failed: Promise<string>;
  /** Stops every process and removes the data dir; safe to call more than once. */
  stop(): Promise<void>;
}

/** Port variables of the launcher (infra/launcher/config.ts) and the worker, each given its own free port. */
const PORT_VARS = [
  'API_PORT', 'EMBEDDED_TEMPORAL_PORT', 'EMBEDDED_TEMPORAL_UI_PORT', 'EMBEDDED_PG_PORT', 'SANDBOX_SUOMIFI_PORT', 'SANDBOX_VIRTU_PORT',
  'SANDBOX_PTV_PORT', 'SANDBOX_VALTUUDET_PORT', 'SANDBOX_XROAD_SS_PORT', 'SANDBOX_XROAD_AUTHORITY_SS_PORT', 'SANDBOX_AUTHORITY_SYSTEM_PORT',
  'SANDBOX_MAIL_SMTP_PORT', 'SANDBOX_MAIL_HTTP_PORT', 'XROAD_PROVIDER_PORT', 'XROAD_PROVIDER_TLS_PORT', 'WORKER_METRICS_PORT',
];
/** Settings that would point the platform at outside services: the bench always runs everything embedded. */
const OUTSIDE = [
  'TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'DATABASE_URL', 'SUOMIFI_IDP_METADATA', 'VIRTU_IDP_METADATA', 'SAML_SP_KEY_FILE', 'SAML_SP_CERT_FILE', 'SAML_SP_ENTITY_ID',
  'PTV_BASE_URL', 'PTV_TOKEN_URL', 'VALTUUDET_BASE_URL', 'XROAD_SECURITY_SERVER_URL', 'XROAD_SECURITY_SERVER_CERT_FILE', 'SANDBOX_XROAD_PROVIDER_URL', 'SMTP_URL',
];

/** The environment of a development platform of its own in `dataDir`: everything embedded, every port free. */
export async function isolatedPlatformEnv(dataDir: string): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = { ...process.env, LUPAFLOW_ENV: 'development', DATA_DIR: dataDir };
  for (const name of OUTSIDE) delete env[name];
  if (platformLogLevel === undefined) delete env.LOG_LEVEL;
  else env.LOG_LEVEL = platformLogLevel;
  const ports = await distinctFreePorts(PORT_VARS.length);
  PORT_VARS.forEach((name, i) => (env[name] = String(ports[i])));
  env.PUBLIC_BASE_URL = `http://localhost:${env.API_PORT}`;
  return env;
}

/** Starts the whole embedded stack in a temp dir; `registerCleanup` receives the cleanup before start-up begins. */
export async function startBenchPlatform(registerCleanup: (cleanup: () => Promise<void>) => void): Promise<BenchPlatform> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lupaflow-bench-'));
  let stopPlatform: () => Promise<void> = async () => {};
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= stopPlatform().finally(() => rm(dataDir, { recursive: true, force: true })));
  registerCleanup(stop);

  const env = await isolatedPlatformEnv(dataDir);

  const started = performance.now();
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  try {
    platform = await startPlatform({ env, dataDir, quiet: true });
  } catch (err) {
    await stop(); // startPlatform has stopped what it started; the data dir is ours to remove
    throw err;
  }
  stopPlatform = platform.stop;
  return {
    apiUrl: platform.apiUrl,
    apiUrls: [platform.apiUrl],
    workerPids: platform.workerPids,
    sandboxUrls: platform.sandboxUrls,
    external: false,
    temporalAddress: platform.temporalAddress,
    temporalNamespace: 'default',
    databaseUrl: platform.databaseUrl,
    dataDir,
    startupMs: Math.round(performance.now() - started),
    failed: platform.failed,
    stop,
  };
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
