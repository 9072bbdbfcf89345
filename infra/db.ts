import knex, { Knex } from 'knex';
import path from 'node:path';
import pg from 'pg';

/** Creates the knex connection pool for PostgreSQL. One per process. */
export function createDb(databaseUrl: string, pool: { min?: number; max?: number } = {}): Knex {
  return knex({
    client: 'pg',
    connection: databaseUrl,
    pool: { min: pool.min ?? 0, max: pool.max ?? 10 },
    migrations: migrationConfig,
  });
}

/** Knex migration settings shared by the launcher, the tests and `npm run migrate`. */
export const migrationConfig: Knex.MigratorConfig = {
  directory: path.join(__dirname, '..', 'migrations'),
  loadExtensions: ['.ts', '.js'],
  tableName: 'knex_migrations',
};

/** pg_advisory_lock key of the migrations ('lupa', 1): one process migrates at a time, across hosts. */
const MIGRATION_LOCK = [0x6c757061, 1] as const;

/**
 * Applies every pending migration; returns the batch number and the names applied (none: up to date).
 * Several processes may do this at once (a release starting on several hosts): knex's own lock fails
 * the latecomers ("already exists", "already locked"), so they queue on an advisory lock instead and
 * then find nothing left to do. The lock is held on a connection of its own, outside the pool.
 */
export async function migrateLatest(db: Knex): Promise<{ batch: number; applied: string[] }> {
  const settings = db.client.connectionSettings as string | pg.ClientConfig;
  const lock = new pg.Client(typeof settings === 'string' ? { connectionString: settings } : settings);
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
    const [batch, applied] = (await db.migrate.latest(migrationConfig)) as [number, string[]];
    return { batch, applied };
  } finally {
    // Closing the session releases the lock too; unlocking first lets the next process go at once.
    await lock.query('SELECT pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}
