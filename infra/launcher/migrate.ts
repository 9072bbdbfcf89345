/** `npm run migrate`: applies pending migrations to DATABASE_URL, or to the embedded PostgreSQL when it is unset. */
import './dotenv';
import path from 'node:path';
import { z } from 'zod';
import { parseEnv, port } from '../config/env';
import { createDb, migrateLatest } from '../db';
import { ensureDevSecrets } from './dev-secrets';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

async function main(): Promise<void> {
  const production = process.env.LUPAFLOW_ENV === 'production';
  const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'expected postgres://…');
  // Only what migrating needs: production must name its database, development may use the embedded one.
  const config = parseEnv({
    DATABASE_URL: production ? postgresUrl : postgresUrl.optional(),
    DATA_DIR: z.string().default('.data'),
    EMBEDDED_PG_PORT: port.default(5433),
  });
  let embedded: EmbeddedPostgres | null = null;
  if (!config.DATABASE_URL) {
    const dataDir = path.resolve(config.DATA_DIR);
    embedded = await startEmbeddedPostgres({
      dir: path.join(dataDir, 'postgres'),
      port: config.EMBEDDED_PG_PORT,
      password: ensureDevSecrets(dataDir, {}).EMBEDDED_PG_PASSWORD,
    });
  }
  const db = createDb(embedded?.databaseUrl ?? (config.DATABASE_URL as string), { max: 1 });
  try {
    const { batch, applied } = await migrateLatest(db);
    process.stdout.write(applied.length
      ? `Applied ${applied.length} migration(s) as batch ${batch}: ${applied.join(', ')}\n`
      : 'Database already up to date.\n');
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

main().catch((err: Error) => {
  process.stderr.write(`Migration failed: ${err.message}\n`);
  process.exit(1);
});
