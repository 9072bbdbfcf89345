import { Client } from 'pg';

/** Counters of the platform's database, to count what a lifecycle writes. */
export interface PgCounters {
  commits: number;
  inserted: number;
  updated: number;
}

/** Reads the database's transaction and row counters (pg_stat_database; updated by PostgreSQL with a short delay). */
export async function pgCounters(databaseUrl: string): Promise<PgCounters> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Flush this backend's view of the statistics so the counters are current.
    await client.query('select pg_stat_clear_snapshot()');
    const { rows } = await client.query(
      'select xact_commit::bigint as commits, tup_inserted::bigint as inserted, tup_updated::bigint as updated from pg_stat_database where datname = current_database()',
    );
    return { commits: Number(rows[0].commits), inserted: Number(rows[0].inserted), updated: Number(rows[0].updated) };
  } finally {
    await client.end();
  }
}
