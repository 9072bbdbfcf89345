import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createDb, migrateLatest } from '../../infra/db';

/** A fresh, empty database on the shared test server, as a new release's first start finds it. */
async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new URL(process.env.DATABASE_URL as string);
  const name = `migrate_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    try { await client.query(sql); } finally { await client.end(); }
  };
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE ${name} WITH (FORCE)`) };
}

describe('[#7] Migrations started by several processes at once', () => {
  it('applies each migration exactly once, and every process finishes without an error', async () => {
    const database = await freshDatabase();
    const pools = Array.from({ length: 3 }, () => createDb(database.url, { max: 2 }));
    try {
      const outcomes = await Promise.allSettled(pools.map((db) => migrateLatest(db)));
      expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason) : o.status))).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      const applied = await pools[0]('knex_migrations').select('name');
      const names = applied.map((row: { name: string }) => row.name);
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names).size).toBe(names.length);
      // knex's own lock row is free again for the next release.
      expect(await pools[0]('knex_migrations_lock').select('is_locked')).toEqual([{ is_locked: 0 }]);
    } finally {
      await Promise.all(pools.map((db) => db.destroy()));
      await database.drop();
    }
  });
});
