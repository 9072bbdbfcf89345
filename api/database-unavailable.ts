/**
 * Whether an error means PostgreSQL cannot be reached or is restarting, rather than a bad query: such
 * a request is worth repeating, so the API answers 503 DEPENDENCY_UNAVAILABLE instead of 500 INTERNAL
 * (the chaos run saw 500s while PostgreSQL restarted).
 */

/** SQLSTATE class 08 (connection exception), 57P01–57P03 (admin or crash shutdown, cannot connect now). */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-3])$/;
/** Socket errors of a connection to the database (pg passes Node's own error through). */
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
/** node-postgres' own messages, which carry no code. */
const PG_BROKEN_CONNECTION = ['Connection terminated unexpectedly', 'Client has encountered a connection error and is not queryable'];

export function isDatabaseUnavailable(err: unknown): boolean {
  const { code, name, message } = (err ?? {}) as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || SOCKET_ERRORS.has(code))) return true;
  // knex: no pooled connection could be made in time; pg: the server closed the socket mid-query, or a
  // query ran on a connection that had already broken.
  return name === 'KnexTimeoutError' || (typeof message === 'string' && PG_BROKEN_CONNECTION.some((text) => message.includes(text)));
}
