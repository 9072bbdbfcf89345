import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { valtuudetChecksum } from '../../infra/valtuudet/checksum';

/** A registered e-service: its Web API Client ID and the keys DVV handed out at onboarding. */
export interface SandboxClient { clientId: string; apiKey: string; oauthPassword: string; restApiKey: string }

const MAX_SKEW_MS = 300_000;

/**
 * Verifies `X-AsiointivaltuudetAuthorization` on every /service/* call (specs/valtuudet.md §3, §11):
 * exactly three space-separated parts, a known client, a timestamp within ±300 s, and the HMAC over the
 * raw request-target as received. The REST API is signed with the REST key. Refusals: 403 (the real
 * status is unconfirmed, §12), never 401, which means a dead session.
 */
export function checksumGuard(clients: Map<string, SandboxClient>, now: () => number): RequestHandler {
  return (req, res, next) => {
    const refusal = refuse(req, clients, now());
    if (refusal) {
      res.status(403).json({ error: 'forbidden', error_description: refusal });
      return;
    }
    next();
  };
}

function refuse(req: Request, clients: Map<string, SandboxClient>, now: number): string | null {
  const parts = (req.get('x-asiointivaltuudetauthorization') ?? '').split(' ');
  if (parts.length !== 3 || parts.some((p) => p === '')) return 'missing or malformed X-AsiointivaltuudetAuthorization';
  const [clientId, timestamp, checksum] = parts;
  const client = clients.get(clientId);
  if (!client) return 'unknown client';
  const at = Date.parse(timestamp);
  if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(timestamp)) return 'timestamp is not ISO-8601';
  if (Math.abs(now - at) > MAX_SKEW_MS) return 'timestamp too far from the current time';
  const key = req.originalUrl.startsWith('/service/rest/') ? client.restApiKey : client.apiKey;
  const expected = Buffer.from(valtuudetChecksum(key, req.originalUrl, timestamp));
  const given = Buffer.from(checksum);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'checksum does not match';
  return null;
}
