import { randomUUID } from 'node:crypto';
import { measureIntegration, operationOf } from '../../infra/telemetry/integration-metrics';
import { valtuudetAuthorization, valtuudetBasicAuth } from '../../infra/valtuudet/checksum';
import type { ValtuudetConfig } from './config';

/** Web API flavour: `hpa` acts for a person, `ypa` for a company or organisation (specs/valtuudet.md §1). */
export type ValtuudetMode = 'hpa' | 'ypa';

/** A check's answer: ALLOWED or DISALLOWED, with reasons only where the service discloses them. */
export interface AuthorizationAnswer { result: 'ALLOWED' | 'DISALLOWED'; reasons: unknown[] }

/** An organisation the delegate picked, with its register roles and issue URIs mixed in `roles` (§6). */
export interface OrganisationRoles { name: string; identifier: string; complete: boolean; roles: string[] }

/** A person the delegate picked. */
export interface PersonPrincipal { personId: string; name: string }

export interface ValtuudetToken { accessToken: string; expiresIn: number }

/**
 * Why a call failed: `session_expired` (401: the Web API session or token is dead), `invalid_grant`
 * (a used or unknown code, e.g. browser back), `refused` (any other 4xx), `unavailable` (network,
 * timeout, 5xx: worth retrying where the call is safe to repeat).
 */
export class ValtuudetError extends Error {
  constructor(readonly kind: 'session_expired' | 'invalid_grant' | 'refused' | 'unavailable', message: string, readonly status?: number) {
    super(message);
    this.name = 'ValtuudetError';
  }
}

/** Suomi.fi e-Authorizations: the Web API browser flow and its checks, and the server-to-server REST check. */
export interface ValtuudetClient {
  /** The origin of the e-Authorizations UI that authorizeUrl sends the browser to (the pages' forms may lead there). */
  uiOrigin: string;
  /** Step 1: a Web API session for the logged-in delegate. */
  register(mode: ValtuudetMode, delegateHetu: string): Promise<{ sessionId: string; userId: string }>;
  /** Step 2: where the browser picks the principal. */
  authorizeUrl(o: { userId: string; redirectUri: string; state: string; lang: string }): string;
  /** Step 3: the single-use code for a token. Never retried: a second use is invalid_grant. */
  exchangeCode(code: string, redirectUri: string): Promise<ValtuudetToken>;
  /** HPA: the persons picked ([0] is the selection). */
  delegate(sessionId: string, accessToken: string): Promise<PersonPrincipal[]>;
  /** HPA: may the delegate act for this person on these issues. */
  authorization(sessionId: string, accessToken: string, principalHetu: string, issues: string[]): Promise<AuthorizationAnswer>;
  /** HPA list: the issues (and roles) the delegate holds for this person. */
  authorizationList(sessionId: string, accessToken: string, principalHetu: string): Promise<{ roles: string[]; reasons: unknown[] }>;
  /** YPA: the organisations picked with their roles, optionally only the one with `businessId`. */
  organizationRoles(sessionId: string, accessToken: string, businessId?: string): Promise<OrganisationRoles[]>;
  /** Ends a Web API session. */
  unregister(mode: ValtuudetMode, sessionId: string): Promise<void>;
  /** Server-to-server HPA check (REST API key, `issue` singular, X-userId). */
  restAuthorization(o: { delegateHetu: string; principalHetu: string; issue?: string; endUserId: string }): Promise<AuthorizationAnswer>;
}

/** The HTTP client of the real service (or the sandbox: only the base URL and credentials differ). */
export function createValtuudetClient(config: ValtuudetConfig): ValtuudetClient {
  const { baseUrl, clientId } = config;
  const requestId = () => `requestId=${randomUUID()}`;

  // Timed by path template: the paths carry identity codes, which operationOf replaces.
  const send = (pathWithQuery: string, init: { method?: string; headers: Record<string, string> }) => measureIntegration(
    'valtuudet', operationOf(init.method ?? 'GET', pathWithQuery), () => request(pathWithQuery, init),
    { error: (err) => (err instanceof ValtuudetError && err.kind === 'unavailable' ? 'failed' : 'refused') },
  );

  async function request(pathWithQuery: string, init: { method?: string; headers: Record<string, string> }): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${baseUrl}${pathWithQuery}`, {
        method: init.method ?? 'GET', headers: { accept: 'application/json', ...init.headers }, signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (err) {
      // Never the URL in the message: it carries identity codes.
      throw new ValtuudetError('unavailable', `Suomi.fi e-Authorizations did not answer (${(err as Error).name}).`);
    }
    const text = await res.text();
    if (res.ok) {
      if (text === '') return null;
      try {
        return JSON.parse(text);
      } catch {
        // E.g. a proxy's maintenance page: worth retrying where the call is safe to repeat.
        throw new ValtuudetError('unavailable', `Suomi.fi e-Authorizations answered HTTP ${res.status} with a body that is not JSON.`, res.status);
      }
    }
    if (res.status === 401) throw new ValtuudetError('session_expired', 'The e-Authorizations session has expired.', 401);
    if (res.status === 400 && text.includes('invalid_grant')) throw new ValtuudetError('invalid_grant', 'The authorisation code was already used or is unknown.', 400);
    if (res.status >= 500 || res.status === 429) throw new ValtuudetError('unavailable', `Suomi.fi e-Authorizations answered HTTP ${res.status}.`, res.status);
    throw new ValtuudetError('refused', `Suomi.fi e-Authorizations refused the request (HTTP ${res.status}).`, res.status);
  }

  /** A /service/* call: signed with `key` over exactly the path and query sent. */
  const signed = (pathWithQuery: string, key: string, headers: Record<string, string> = {}) => send(pathWithQuery, {
    headers: { ...headers, 'X-AsiointivaltuudetAuthorization': valtuudetAuthorization(clientId, key, pathWithQuery, new Date().toISOString()) },
  });
  const withToken = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((r: unknown): r is string => typeof r === 'string') : []);
  const answer = (body: unknown): AuthorizationAnswer => {
    const b = (body ?? {}) as { result?: unknown; reasons?: unknown };
    return { result: b.result === 'ALLOWED' ? 'ALLOWED' : 'DISALLOWED', reasons: Array.isArray(b.reasons) ? b.reasons : [] };
  };

  return {
    uiOrigin: new URL(baseUrl).origin,
    async register(mode, delegateHetu) {
      const body = (await signed(`/service/${mode}/user/register/${clientId}/${delegateHetu}?${requestId()}`, config.apiKey)) as Record<string, unknown>;
      if (typeof body?.sessionId !== 'string' || typeof body.userId !== 'string') throw new ValtuudetError('refused', 'The register answer had no session.');
      return { sessionId: body.sessionId, userId: body.userId };
    },
    authorizeUrl({ userId, redirectUri, state, lang }) {
      const q = new URLSearchParams({ client_id: clientId, response_type: 'code', redirect_uri: redirectUri, user: userId, lang, state });
      return `${baseUrl}/oauth/authorize?${q}`;
    },
    async exchangeCode(code, redirectUri) {
      const q = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri });
      const body = (await send(`/oauth/token?${q}`, { method: 'POST', headers: { authorization: valtuudetBasicAuth(clientId, config.oauthPassword) } })) as Record<string, unknown>;
      if (typeof body?.access_token !== 'string') throw new ValtuudetError('refused', 'The token answer had no access token.');
      return { accessToken: body.access_token, expiresIn: Number(body.expires_in ?? 599) };
    },
    async delegate(sessionId, accessToken) {
      const body = await signed(`/service/hpa/api/delegate/${sessionId}?${requestId()}`, config.apiKey, withToken(accessToken));
      return (Array.isArray(body) ? body : []).filter((p) => typeof p?.personId === 'string').map((p) => ({ personId: p.personId, name: String(p.name ?? '') }));
    },
    async authorization(sessionId, accessToken, principalHetu, issues) {
      const q = [requestId(), ...issues.map((i) => `issues=${encodeURIComponent(i)}`)].join('&');
      return answer(await signed(`/service/hpa/api/authorization/${sessionId}/${principalHetu}?${q}`, config.apiKey, withToken(accessToken)));
    },
    async authorizationList(sessionId, accessToken, principalHetu) {
      const body = (await signed(`/service/hpa/api/authorizationlist/${sessionId}/${principalHetu}?${requestId()}`, config.apiKey, withToken(accessToken))) as { roles?: unknown; reasons?: unknown } | null;
      return { roles: strings(body?.roles), reasons: Array.isArray(body?.reasons) ? body.reasons : [] };
    },
    async organizationRoles(sessionId, accessToken, businessId) {
      const body = await signed(`/service/ypa/api/organizationRoles/${sessionId}${businessId ? `/${businessId}` : ''}?${requestId()}`, config.apiKey, withToken(accessToken));
      // Lenient: unknown fields ignored; a missing `complete` is taken as complete, as the service omits it then.
      return (Array.isArray(body) ? body : []).filter((o) => typeof o?.identifier === 'string').map((o) => ({
        name: String(o.name ?? ''), identifier: o.identifier, complete: o.complete !== false,
        roles: strings(o.roles),
      }));
    },
    async unregister(mode, sessionId) {
      await signed(`/service/${mode}/user/unregister/${sessionId}`, config.apiKey);
    },
    async restAuthorization({ delegateHetu, principalHetu, issue, endUserId }) {
      const q = [...(issue ? [`issue=${encodeURIComponent(issue)}`] : []), requestId()].join('&');
      return answer(await signed(`/service/rest/hpa/authorization/${clientId}/${delegateHetu}/${principalHetu}?${q}`, config.restApiKey, { 'X-userId': endUserId }));
    },
  };
}
