import { randomUUID } from 'node:crypto';

/**
 * Start forms carry a key made when the page was rendered, sent as the start's Idempotency-Key: a form
 * sent twice (a double click, a resend after a timeout) starts one application, not two.
 */
export const newStartKey = () => randomUUID();

/** The posted start key, if it is one (else the start goes without). */
export function startKeyOf(body: Record<string, unknown>): string | undefined {
  const key = body.startKey;
  return typeof key === 'string' && /^[\x21-\x7e]{1,128}$/.test(key) ? key : undefined;
}
