import { Connection } from '@temporalio/client';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporalCliPath } from '../temporal/binaries';
import { searchAttributeFlags } from '../../workflows/search-attributes';
import { clearOrphan } from './orphans';
import { assertPortsFree } from './port-check';
import { spawnManaged } from './process-group';

/** Where and how to run the `temporal server start-dev` dev server. */
export interface EmbeddedTemporalOptions {
  /** SQLite file holding every namespace's state; its directory is created if missing. */
  dbFile: string;
  port: number;
  /** Created at start besides `default`, which always exists. */
  namespace?: string;
  /** Web UI port; omit for a headless server (tests). */
  uiPort?: number;
  /** The remote codec the Web UI decodes payloads with (`--ui-codec-endpoint`). */
  uiCodecEndpoint?: string;
  /** SQLite pragmas: durable WAL + NORMAL for `npm start`, WAL + OFF for tests. */
  synchronous?: 'NORMAL' | 'OFF';
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  onLine?: (line: string) => void;
  startTimeoutMs?: number;
}

/** The variables that set the ports, named when a port is taken. */
const PORT_VARIABLES = { port: 'EMBEDDED_TEMPORAL_PORT', uiPort: 'EMBEDDED_TEMPORAL_UI_PORT' };

/** A running embedded Temporal server. */
export interface EmbeddedTemporal {
  address: string;
  namespace: string;
  uiUrl: string | null;
  stop(): Promise<void>;
  /** SIGKILL, as a crash (fault injection); the SQLite file keeps what was committed. */
  kill(): Promise<void>;
}

const HOST = '127.0.0.1';

/** Starts the Temporal CLI's dev server with lupaflow's search attributes and waits until it serves the namespace. */
export async function startEmbeddedTemporal(opts: EmbeddedTemporalOptions): Promise<EmbeddedTemporal> {
  const dbFile = path.resolve(opts.dbFile);
  mkdirSync(path.dirname(dbFile), { recursive: true });
  const namespace = opts.namespace ?? 'default';
  // A pid file next to the database lets the next start stop a server whose launcher was killed.
  const pidFile = `${dbFile}.pid`;
  await clearOrphan(pidFile, 'The embedded Temporal server', ['start-dev', dbFile]);
  await assertPortsFree([
    { port: opts.port, variable: PORT_VARIABLES.port },
    ...(opts.uiPort === undefined ? [] : [{ port: opts.uiPort, variable: PORT_VARIABLES.uiPort }]),
  ]);
  const args = [
    'server', 'start-dev',
    '--db-filename', dbFile,
    '--ip', HOST,
    '--port', String(opts.port),
    '--namespace', namespace,
    ...searchAttributeFlags.flatMap((flag) => ['--search-attribute', flag]),
    '--sqlite-pragma', 'journal_mode=WAL',
    '--sqlite-pragma', `synchronous=${opts.synchronous ?? 'NORMAL'}`,
    ...(opts.uiPort === undefined ? ['--headless'] : ['--ui-port', String(opts.uiPort)]),
    ...(opts.uiPort !== undefined && opts.uiCodecEndpoint ? ['--ui-codec-endpoint', opts.uiCodecEndpoint] : []),
    '--log-level', opts.logLevel ?? 'error',
  ];
  const server = spawnManaged('temporal', temporalCliPath(), args, { env: process.env, onLine: opts.onLine });
  writeFileSync(pidFile, `${server.child.pid}\n`);
  const stop = async (graceMs?: number) => {
    await server.stop(graceMs);
    rmSync(pidFile, { force: true });
  };
  const address = `${HOST}:${opts.port}`;
  try {
    await waitUntilServing(address, namespace, server.exited, opts.startTimeoutMs ?? 30_000);
  } catch (err) {
    await stop(2_000);
    throw new Error(`The embedded Temporal server did not start: ${(err as Error).message}\n${server.recentOutput()}`);
  }
  return {
    address,
    namespace,
    uiUrl: opts.uiPort === undefined ? null : `http://${HOST}:${opts.uiPort}`,
    stop: () => stop(),
    kill: async () => {
      await server.kill();
      rmSync(pidFile, { force: true });
    },
  };
}

/** Polls the frontend until its health check passes and the namespace is described, or the process dies. */
async function waitUntilServing(address: string, namespace: string, exited: Promise<unknown>, timeoutMs: number): Promise<void> {
  let dead = false;
  void exited.then(() => { dead = true; });
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (!dead && Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.healthService.check({});
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(dead ? 'the process exited' : `no answer on ${address} within ${timeoutMs} ms (${String(lastError)})`);
}
