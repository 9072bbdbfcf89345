import express, { type Request, type Response, type Router } from 'express';
import { isValidBusinessId, isValidHetu } from '../../infra/identifiers';
import { checksumGuard, type SandboxClient } from './checksum-guard';
import { selectionPage } from './pages';
import type { Mode, ValtuudetState } from './state';

const bearerOf = (req: Request) => /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
const modeOf = (req: Request): Mode | undefined => (req.params.mode === 'hpa' || req.params.mode === 'ypa' ? req.params.mode : undefined);
const badRequest = (res: Response, description: string) => res.status(400).json({ error: 'invalid_request', error_description: description });
const absoluteUrl = (s: string | undefined) => {
  try {
    return s ? new URL(s) : undefined;
  } catch {
    return undefined;
  }
};
const dead = (res: Response) => res.status(401).json({ error: 'unauthorized', error_description: 'session or token expired or unknown' });

/**
 * The stand-in's routes (specs/valtuudet.md §4, §5, §11): register, the selection UI at
 * /oauth/authorize, the token endpoint, the Web API checks, unregister, the REST check, and the
 * control endpoints /sandbox/revoke, /sandbox/reset and /sandbox/expire-sessions for tests and the demo.
 */
export function valtuudetRouter(o: { clients: Map<string, SandboxClient>; state: ValtuudetState; now: () => number }): Router {
  const { clients, state } = o;
  const router = express.Router();
  router.use('/service', checksumGuard(clients, o.now));
  const clientOf = (req: Request) => clients.get(req.get('x-asiointivaltuudetauthorization')!.split(' ')[0])!;

  router.get('/service/:mode/user/register/:clientId/:delegate', (req, res) => {
    const mode = modeOf(req);
    if (!mode) return void res.status(404).end();
    if (req.params.clientId !== clientOf(req).clientId) return void res.status(403).json({ error: 'forbidden', error_description: 'client id does not match the signature' });
    if (!isValidHetu(req.params.delegate)) return void badRequest(res, 'invalid delegate identity code');
    if (typeof req.query.requestId !== 'string') return void badRequest(res, 'requestId is required');
    res.json(state.register(mode, req.params.clientId, req.params.delegate));
  });

  router.get('/oauth/authorize', (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    const client = q.client_id ? clients.get(q.client_id) : undefined;
    if (!client || q.response_type !== 'code' || !absoluteUrl(q.redirect_uri) || !q.user) return void badRequest(res, 'client_id, response_type=code, an absolute redirect_uri and user are required');
    const found = state.sessionOfUser(client.clientId, q.user);
    if (!found) return void dead(res);
    const fields = { client_id: client.clientId, redirect_uri: q.redirect_uri!, user: q.user, state: q.state ?? '' };
    res.type('html').send(selectionPage({ mode: found.session.mode, fields, choices: state.choices(found.session) }));
  });

  router.post('/oauth/authorize', express.urlencoded({ extended: false }), (req, res) => {
    const f = req.body as Record<string, string | undefined>;
    const found = f.client_id && f.user ? state.sessionOfUser(f.client_id, f.user) : undefined;
    const back = absoluteUrl(f.redirect_uri);
    if (!back) return void badRequest(res, 'an absolute redirect_uri is required');
    if (!found) return void dead(res);
    const chosen = state.choices(found.session).find((c) => c.id === f.principal);
    if (f.action === 'cancel' || !chosen) {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', f.action === 'cancel' ? 'The user cancelled.' : 'Nothing was chosen.');
    } else {
      back.searchParams.set('code', state.select(found.sessionId, chosen.id, f.redirect_uri!));
    }
    if (f.state) back.searchParams.set('state', f.state);
    res.redirect(302, back.toString());
  });

  router.post('/oauth/token', (req, res) => {
    const basic = /^Basic (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    const [id, password] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const client = id ? clients.get(id) : undefined;
    if (!client || client.oauthPassword !== password) return void res.status(401).json({ error: 'invalid_client' });
    const q = req.query as Record<string, string | undefined>;
    if (q.grant_type !== 'authorization_code' || !q.code || !q.redirect_uri) return void badRequest(res, 'grant_type, code and redirect_uri are required');
    const token = state.redeem(q.code, client.clientId, q.redirect_uri);
    if (!token) return void res.status(400).json({ error: 'invalid_grant', error_description: 'Invalid authorization code' });
    res.json({ access_token: token, token_type: 'bearer', refresh_token: crypto.randomUUID(), expires_in: 599, scope: 'read write trust' });
  });

  router.get('/service/hpa/api/delegate/:sessionId', (req, res) => {
    const s = state.authorised(req.params.sessionId, bearerOf(req));
    if (!s) return void dead(res);
    res.json(s.selected.map((id) => state.person(id)).filter(Boolean).map((p) => ({ personId: p!.personId, name: p!.name, note: 'sandbox' })));
  });

  router.get('/service/hpa/api/authorization/:sessionId/:principal', (req, res) => {
    const s = state.authorised(req.params.sessionId, bearerOf(req));
    if (!s) return void dead(res);
    if (!isValidHetu(req.params.principal)) return void badRequest(res, 'invalid principal identity code');
    const issues = ([] as unknown[]).concat(req.query.issues ?? []).map(String);
    res.json(personDecision(state, s.delegate, req.params.principal, issues));
  });

  router.get('/service/hpa/api/authorizationlist/:sessionId/:principal', (req, res) => {
    const s = state.authorised(req.params.sessionId, bearerOf(req));
    if (!s) return void dead(res);
    res.json({ roles: state.person(req.params.principal)?.mandates[s.delegate] ?? [], reasons: [] });
  });

  router.get(['/service/ypa/api/organizationRoles/:sessionId', '/service/ypa/api/organizationRoles/:sessionId/:businessId'], (req, res) => {
    const s = state.authorised(req.params.sessionId as string, bearerOf(req));
    if (!s) return void dead(res);
    const only = req.params.businessId as string | undefined;
    if (only && !isValidBusinessId(only)) return void badRequest(res, 'invalid business id');
    const orgs = s.selected.filter((id) => !only || id === only).map((id) => state.organisation(id)).filter(Boolean);
    // Unknown extra fields, as the real answers carry (§4: parse leniently).
    res.json(orgs.map((org) => ({ name: org!.name, identifier: org!.identifier, complete: org!.complete, roles: org!.roles[s.delegate] ?? [], sandbox: true })));
  });

  router.get('/service/:mode/user/unregister/:sessionId', (req, res) => {
    if (!modeOf(req)) return void res.status(404).end();
    if (!state.end(req.params.sessionId, clientOf(req).clientId)) return void dead(res);
    res.json(true);
  });

  router.get('/service/rest/hpa/authorization/:clientId/:delegate/:principal', (req, res) => {
    if (req.params.clientId !== clientOf(req).clientId) return void res.status(403).json({ error: 'forbidden', error_description: 'client id does not match the signature' });
    if (!req.get('x-userid')) return void badRequest(res, 'X-userId is required');
    if (!isValidHetu(req.params.delegate) || !isValidHetu(req.params.principal)) return void badRequest(res, 'invalid identity code');
    const issue = typeof req.query.issue === 'string' ? [req.query.issue] : [];
    res.json(personDecision(state, req.params.delegate, req.params.principal, issue));
  });

  router.post('/sandbox/revoke', express.json(), (req, res) => {
    const { delegate, principal } = (req.body ?? {}) as { delegate?: string; principal?: string };
    if (!delegate || !principal) return void badRequest(res, 'delegate and principal are required');
    res.json({ revoked: state.revoke(delegate, principal) });
  });

  router.post('/sandbox/reset', (_req, res) => {
    state.reset();
    res.json({ reset: true });
  });

  router.post('/sandbox/expire-sessions', (_req, res) => {
    state.expireSessions();
    res.json({ expired: true });
  });

  return router;
}

/** ALLOWED when the delegate holds a mandate for the person on one of the issues (or any, when none is named). */
function personDecision(state: ValtuudetState, delegate: string, principal: string, issues: string[]) {
  const held = state.person(principal)?.mandates[delegate] ?? [];
  const allowed = issues.length === 0 ? held.length > 0 : issues.some((i) => held.includes(i));
  return allowed ? { result: 'ALLOWED', reasons: [] } : { result: 'DISALLOWED', reasons: [{ reasonRule: 'sandbox.mandate', reasonValue: 'No valid mandate for the issue.', valueType: 'DESCRIPTION' }] };
}
