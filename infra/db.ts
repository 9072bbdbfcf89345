import knex, { Knex } from 'knex';
import path from 'node:path';

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

/** Applies every pending migration. */
export async function migrateLatest(db: Knex): Promise<void> {
  await db.migrate.latest(migrationConfig);
}
