import { RouteTable } from '../openapi/route';
import { Me } from '../openapi/schemas';

/** Who is logged in, and the CSRF token their state-changing requests must send. */
export function meRoutes(): RouteTable {
  return new RouteTable().add({
    method: 'get', path: '/api/v1/me', tag: 'Session', access: 'session',
    summary: 'The logged-in person, their permissions and their CSRF token.',
    response: { status: 200, description: 'The session.', schema: Me },
  }, async ({ session }) => {
    const s = session();
    return {
      kind: s.kind, idp: s.idp, displayName: s.displayName, loa: s.loa, language: s.language,
      authorityId: s.authorityId, permissions: s.permissions, csrfToken: s.csrfToken, expiresAt: s.expiresAt,
    };
  });
}
