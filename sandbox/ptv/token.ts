import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** HS256 JWTs for the sandbox's API users, signed with a key made at start (tokens die with the sandbox). */
export function createTokenIssuer(lifetimeSeconds = 24 * 3600) {
  const key = randomBytes(32);
  const sign = (input: string) => createHmac('sha256', key).update(input).digest();
  return {
    /** A token for the API user of `organisationId`, expiring after the lifetime (test PTV: ~24 h). */
    issue(username: string, organisationId: string): string {
      const now = Math.floor(Date.now() / 1000);
      const head = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify({
        sub: username, organization: organisationId, iat: now, exp: now + lifetimeSeconds,
      }))}`;
      return `${head}.${b64url(sign(head))}`;
    },
    /** The claims of a valid, unexpired token; null otherwise. */
    verify(token: string): { sub: string; organization: string } | null {
      const [header, payload, signature] = token.split('.');
      if (!header || !payload || !signature) return null;
      const expected = sign(`${header}.${payload}`);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      return typeof claims.exp === 'number' && claims.exp > Date.now() / 1000 ? claims : null;
    },
  };
}

export type TokenIssuer = ReturnType<typeof createTokenIssuer>;
