/**
 * The chaos run's platform: every piece a process of its own, on free ports, in one directory, as an
 * operator would run them (configured only by environment): the Temporal dev server (SQLite file),
 * PostgreSQL, the sandbox, N workers and the API. Any of them can be SIGKILLed and started again on the
 * same ports and data. Workers and the API are supervised like a service manager would (an exit we did
 * not cause is recorded and the process started again a second later).
 */
import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { connectClient } from '../infra/temporal/connection';
import { createDb, migrateLatest } from '../infra/db';
import { startChild, type Child } from '../infra/launcher/children';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../infra/launcher/embedded-postgres';
import { startEmbeddedTemporal, type EmbeddedTemporal } from '../infra/launcher/embedded-temporal';
import { childEnvironment, prepareEnvironment } from '../infra/launcher/environment';
import { pointAtSandbox } from '../infra/launcher/sandbox-environment';
import { waitForHttpOk } from '../infra/launcher/wait-for-http';
import { waitForWorkerPolling } from '../infra/launcher/wait-for-worker';
import { loadCoreConfig, type CoreConfig } from '../infra/config/core';
import { bundleWorkflows } from '../workers/bundle';
import { stablePorts } from './stable-ports';

/** What the chaos run kills. */
export type ProcessKind = 'worker' | 'api' | 'temporal' | 'postgres';
export const PROCESS_KINDS: ProcessKind[] = ['worker', 'api', 'temporal', 'postgres'];

/** A process that exited without being asked to. */
export interface UnexpectedExit { name: string; code: number | null; signal: string | null; at: string; lastLines: string }

export interface ChaosStack {
  apiUrl: string;
  sandboxUrls: Record<string, string>;
  /** The platform's environment (TEMPORAL_ADDRESS, DATABASE_URL, keys), for the final checks' own connections. */
  env: NodeJS.ProcessEnv;
  /** The core settings as the processes see them now. */
  core(): CoreConfig;
  logDir: string;
  unexpectedExits: UnexpectedExit[];
  /** SIGKILLs one process (`index`: which worker); resolves once it is gone. */
  kill(kind: ProcessKind, index?: number): Promise<void>;
  /** Starts it again on the same ports and data and waits until it serves. */
  restart(kind: ProcessKind, index?: number): Promise<void>;
  stop(): Promise<void>;
}

const READY_MS = 90_000;
const SUPERVISOR_RESTART_MS = 1_000;
const LAUNCHER_PORTS = [
  'API_PORT', 'XROAD_PROVIDER_PORT', 'XROAD_PROVIDER_TLS_PORT', 'EMBEDDED_TEMPORAL_PORT', 'EMBEDDED_PG_PORT',
  'SANDBOX_SUOMIFI_PORT', 'SANDBOX_VIRTU_PORT', 'SANDBOX_PTV_PORT', 'SANDBOX_VALTUUDET_PORT', 'SANDBOX_XROAD_SS_PORT',
  'SANDBOX_XROAD_AUTHORITY_SS_PORT', 'SANDBOX_AUTHORITY_SYSTEM_PORT', 'SANDBOX_MAIL_SMTP_PORT', 'SANDBOX_MAIL_HTTP_PORT',
] as const;
// Only what a process needs from the caller's environment: nothing of a test run's own Temporal or database.
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'NODE_OPTIONS'];

interface Supervised { name: string; kind: 'worker' | 'api' | 'sandbox'; child: Child | null }

export async function startChaosStack(opts: { dir: string; workers: number; progress: (line: string) => void }): Promise<ChaosStack> {
  const logDir = path.join(opts.dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logs = new Map<string, WriteStream>();
  const logTo = (name: string) => {
    if (!logs.has(name)) logs.set(name, createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' }));
    const stream = logs.get(name) as WriteStream;
    return (line: string) => void stream.write(`${line}\n`);
  };

  const base: NodeJS.ProcessEnv = Object.fromEntries(INHERITED.filter((k) => process.env[k]).map((k) => [k, process.env[k]]));
  const ports = await stablePorts(LAUNCHER_PORTS.length);
  LAUNCHER_PORTS.forEach((name, i) => { base[name] = String(ports[i]); });
  Object.assign(base, {
    LUPAFLOW_ENV: 'development', WORKER_METRICS_PORT: '0',
    // The chaos driver plays the authority's staff through the case system's control API.
    SANDBOX_AUTHORITY_AUTO: 'false',
  });
  const { env, config } = prepareEnvironment(base, path.join(opts.dir, 'data'));
  const dataDir = env.DATA_DIR as string;
  const { sandboxUrls, readyUrls } = pointAtSandbox(env, config);
  // One bundle for every worker start: a restart then takes seconds, not a webpack build.
  const bundleFile = path.join(opts.dir, 'workflow-bundle.js');
  writeFileSync(bundleFile, (await bundleWorkflows()).code);
  env.WORKER_BUNDLE_PATH = bundleFile;

  let stopping = false;
  let up = false;
  let startFailure: string | null = null;
  const gaveUp = () => startFailure ?? (stopping ? 'stopped' : null);
  let temporal: EmbeddedTemporal | null = null;
  let postgres: EmbeddedPostgres | null = null;
  const unexpectedExits: UnexpectedExit[] = [];
  const sandbox: Supervised = { name: 'sandbox', kind: 'sandbox', child: null };
  const api: Supervised = { name: 'api', kind: 'api', child: null };
  const workers: Supervised[] = Array.from({ length: opts.workers }, (_, i) => ({ name: `worker-${i + 1}`, kind: 'worker', child: null }));
  const apiUrl = `http://127.0.0.1:${config.core.API_PORT}`;

  const launch = (slot: Supervised) => {
    slot.child = startChild(slot.kind, childEnvironment(env), {
      dataDir, quiet: false, processName: slot.name, onLine: logTo(slot.name),
      onUnexpectedExit: (exited, code, signal) => {
        if (slot.child === exited) slot.child = null;
        // Before the platform is up an exit is a failed start (a port taken, a bad setting): give up, do not loop.
        if (!up) return void (startFailure = `${slot.name} exited during start-up (code ${code}): ${exited.recentOutput().split('\n').slice(-5).join(' | ')}`);
        const lastLines = exited.recentOutput().split('\n').slice(-3).join(' | ');
        unexpectedExits.push({ name: slot.name, code, signal, at: new Date().toISOString(), lastLines });
        opts.progress(`${slot.name} exited on its own (code ${code}, signal ${signal}); starting it again. Its last lines: ${lastLines}`);
        if (!stopping) setTimeout(() => { if (!stopping && !slot.child) launch(slot); }, SUPERVISOR_RESTART_MS);
      },
    });
    return slot.child;
  };
  const ready = async (slot: Supervised) => {
    const child = slot.child ?? launch(slot);
    if (slot.kind === 'api') return waitForHttpOk(`${apiUrl}/health`, READY_MS, gaveUp);
    if (slot.kind === 'sandbox') return void await Promise.all(readyUrls.map((url) => waitForHttpOk(url, READY_MS, gaveUp)));
    return waitForWorkerPolling(loadCoreConfig(env), child.child.pid as number, READY_MS, gaveUp);
  };
  const startTemporal = async () => {
    temporal = await startEmbeddedTemporal({
      dbFile: path.join(dataDir, 'temporal', 'chaos.sqlite'), port: config.EMBEDDED_TEMPORAL_PORT, namespace: config.core.TEMPORAL_NAMESPACE, onLine: logTo('temporal'),
    });
    env.TEMPORAL_ADDRESS = temporal.address;
  };
  const startPostgres = async () => {
    // A killed postmaster's backends leave shortly after it; until then the old shared memory blocks a start.
    for (let attempt = 1; ; attempt++) {
      try {
        postgres = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), port: config.EMBEDDED_PG_PORT, password: env.EMBEDDED_PG_PASSWORD ?? '', onLine: logTo('postgres') });
        env.DATABASE_URL = postgres.databaseUrl;
        return;
      } catch (err) {
        if (attempt >= 10) throw err;
        await new Promise((r) => setTimeout(r, 1_000));
      }
    }
  };

  const stop = async () => {
    stopping = true;
    await Promise.all([sandbox, api, ...workers].map((slot) => slot.child?.stop(5_000)));
    await Promise.all([temporal?.stop(), postgres?.stop()]);
    await Promise.all([...logs.values()].map((s) => new Promise((r) => s.end(r))));
  };

  try {
    launch(sandbox);
    await Promise.all([startTemporal(), startPostgres()]);
    const db = createDb(env.DATABASE_URL as string, { max: 1 });
    try {
      await migrateLatest(db);
    } finally {
      await db.destroy();
    }
    await ready(sandbox);
    await Promise.all([...workers, api].map(ready));
    up = true;
  } catch (err) {
    await stop();
    throw err;
  }

  const slotOf = (kind: 'worker' | 'api', index = 0) => (kind === 'api' ? api : workers[index % workers.length]);
  return {
    apiUrl, sandboxUrls, env, core: () => loadCoreConfig(env), logDir, unexpectedExits, stop,
    async kill(kind, index) {
      if (kind === 'temporal') return temporal?.kill();
      if (kind === 'postgres') return postgres?.kill();
      const slot = slotOf(kind, index);
      const child = slot.child;
      slot.child = null;
      await child?.kill();
    },
    async restart(kind, index) {
      if (kind === 'temporal') return startTemporal();
      if (kind === 'postgres') return startPostgres();
      await ready(slotOf(kind, index));
    },
  };
}

/** A Temporal client of the chaos platform (payloads decrypted with its keys), for the final checks. */
export const chaosTemporalClient = (stack: ChaosStack) => connectClient(stack.core());
