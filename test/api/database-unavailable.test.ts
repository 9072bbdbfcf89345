import { Client } from 'pg';
import { HTTP_STATUS, toAppError } from '../../api/errors';
import { createDb } from '../../infra/db';
import { freePort } from '../../infra/launcher/ports';
import { ErrorCode } from '../../workflows/error-codes';

/**
 * Found by the chaos run (seed 1): while PostgreSQL restarted, API calls answered 500 INTERNAL. An
 * unreachable or restarting database is an outage worth retrying, like an unreachable Temporal:
 * 503 DEPENDENCY_UNAVAILABLE. A bad query stays 500 INTERNAL.
 */
describe('[#7] PostgreSQL unavailable', () => {
  const expectUnavailable = (err: unknown) => {
    const mapped = toAppError(err);
    expect({ code: mapped.code, status: HTTP_STATUS[mapped.code] }).toEqual({ code: ErrorCode.DEPENDENCY_UNAVAILABLE, status: 503 });
  };

  it('maps a database that refuses connections to 503 DEPENDENCY_UNAVAILABLE', async () => {
    const db = createDb(`postgres://lupaflow:x@127.0.0.1:${await freePort()}/lupaflow`, { max: 1 });
    try {
      expectUnavailable(await db.raw('SELECT 1').catch((e: unknown) => e));
    } finally {
      await db.destroy();
    }
  });

  it('maps a connection the server ends (shutdown, restart) to 503, and a bad query to 500', async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    client.on('error', () => undefined); // the terminated connection also reports it as an event
    await client.connect();
    try {
      expect(toAppError(await client.query('SELECT * FROM no_such_table').catch((e: unknown) => e)).code).toBe(ErrorCode.INTERNAL);
      // What a PostgreSQL shutting down does to its connections: 57P01 admin_shutdown.
      expectUnavailable(await client.query('SELECT pg_terminate_backend(pg_backend_pid())').catch((e: unknown) => e));
      // The next query on that broken connection (a pooled one the pool had not yet dropped).
      expectUnavailable(await client.query('SELECT 1').catch((e: unknown) => e));
    } finally {
      await client.end().catch(() => undefined);
    }
  });
});
