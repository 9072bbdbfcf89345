/**
 * The sandbox Suomi.fi e-Authorizations service behaves like the real one where the platform relies
 * on it (specs/valtuudet.md §11): signed requests only, single-use codes, expiring sessions; and the
 * platform's client speaks its protocol (both Web API flavours and the REST check).
 */
import { createValtuudetClient, ValtuudetError, type ValtuudetClient } from '../../activities/valtuudet/client';
import { valtuudetAuthorization } from '../../infra/valtuudet/checksum';
import { generateValtuudetCredentials, sandboxClientOf } from '../../infra/valtuudet/dev-credentials';
import { readForm } from '../../sandbox/saml-idp/driver';
import { SANDBOX_ISSUE_URI } from '../../sandbox/valtuudet/fixtures';
import { startValtuudetSandbox, type ValtuudetSandbox } from '../../sandbox/valtuudet';

const TESSA = '010280-952L';
const JONI = '010469-999W';
const REDIRECT = 'http://127.0.0.1:9/auth/valtuudet/callback';

describe('[#3] sandbox e-Authorizations service', () => {
  let sandbox: ValtuudetSandbox;
  let client: ValtuudetClient;
  let creds: ReturnType<typeof generateValtuudetCredentials>;
  let clock = Date.now();

  beforeAll(async () => {
    creds = generateValtuudetCredentials();
    sandbox = await startValtuudetSandbox({ clients: [sandboxClientOf(creds)], port: 0, now: () => clock, lifetimes: { sessionMs: 60_000 } });
    client = createValtuudetClient({
      baseUrl: sandbox.url, clientId: creds.VALTUUDET_CLIENT_ID, apiKey: creds.VALTUUDET_API_KEY,
      oauthPassword: creds.VALTUUDET_OAUTH_PASSWORD, restApiKey: creds.VALTUUDET_REST_API_KEY, timeoutMs: 3000,
    });
  });
  afterAll(async () => sandbox?.stop());
  beforeEach(() => { clock = Date.now(); });

  const registerPath = (hetu = TESSA) => `/service/ypa/user/register/${creds.VALTUUDET_CLIENT_ID}/${hetu}?requestId=r-${Math.random()}`;
  const get = (path: string, header: string) => fetch(`${sandbox.url}${path}`, { headers: { 'X-AsiointivaltuudetAuthorization': header } });

  /** Register → selection UI → choice → code, as the browser would. */
  async function codeFor(mode: 'hpa' | 'ypa', delegate: string, principal: string) {
    const { sessionId, userId } = await client.register(mode, delegate);
    const url = client.authorizeUrl({ userId, redirectUri: REDIRECT, state: 's1', lang: 'fi' });
    const page = await fetch(url);
    const form = readForm(await page.text(), url);
    const chosen = await fetch(form.action, { method: 'POST', body: new URLSearchParams({ ...form.fields, principal, action: 'select' }), redirect: 'manual' });
    const back = new URL(chosen.headers.get('location')!);
    expect(back.searchParams.get('state')).toBe('s1');
    return { sessionId, code: back.searchParams.get('code')! };
  }

  it('answers a correctly signed register call', async () => {
    const path = registerPath();
    const res = await get(path, valtuudetAuthorization(creds.VALTUUDET_CLIENT_ID, creds.VALTUUDET_API_KEY, path, new Date(clock).toISOString()));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sessionId: expect.any(String), userId: expect.any(String) });
  });

  it('refuses a wrong checksum, a clock more than five minutes off, an unknown client and a malformed header', async () => {
    const path = registerPath();
    const now = new Date(clock).toISOString();
    const sign = (p: string, ts: string, id = creds.VALTUUDET_CLIENT_ID, key = creds.VALTUUDET_API_KEY) => valtuudetAuthorization(id, key, p, ts);
    expect((await get(path, sign(path, now, creds.VALTUUDET_CLIENT_ID, 'wrong-key-1234'))).status).toBe(403);
    // Signed over another query than the one sent.
    expect((await get(`${path}x`, sign(path, now))).status).toBe(403);
    expect((await get(path, sign(path, new Date(clock - 301_000).toISOString()))).status).toBe(403);
    expect((await get(path, sign(path, new Date(clock + 301_000).toISOString()))).status).toBe(403);
    expect((await get(path, sign(path, new Date(clock - 290_000).toISOString()))).status).toBe(200);
    expect((await get(path, sign(path, now, 'abcd1234'))).status).toBe(403);
    expect((await get(path, `${creds.VALTUUDET_CLIENT_ID} ${now}`)).status).toBe(403);
  });

  it('refuses a malformed delegate identity code', async () => {
    await expect(client.register('ypa', '010280-952K')).rejects.toMatchObject({ kind: 'refused', status: 400 });
  });

  it('gives roles for the chosen organisation, once per code, only for its redirect_uri', async () => {
    const { sessionId, code } = await codeFor('ypa', TESSA, '7019376-8');
    await expect(client.exchangeCode(code, 'http://127.0.0.1:9/other')).rejects.toMatchObject({ kind: 'invalid_grant' });
    const token = await client.exchangeCode(code, REDIRECT);
    expect(token.expiresIn).toBeGreaterThan(0);
    await expect(client.exchangeCode(code, REDIRECT)).rejects.toMatchObject({ kind: 'invalid_grant' });
    expect(await client.organizationRoles(sessionId, token.accessToken)).toEqual([{ name: 'Rova Oy', identifier: '7019376-8', complete: true, roles: ['TJ'] }]);
    expect(await client.organizationRoles(sessionId, token.accessToken, '2305162-8')).toEqual([]);
    await expect(client.organizationRoles(sessionId, 'not-the-token')).rejects.toMatchObject({ kind: 'session_expired' });
  });

  it('refuses a selection UI request whose redirect_uri is not an absolute address', async () => {
    const { userId } = await client.register('ypa', TESSA);
    const url = new URL(client.authorizeUrl({ userId, redirectUri: 'not an address', state: 's', lang: 'fi' }));
    expect((await fetch(url)).status).toBe(400);
    const posted = await fetch(`${sandbox.url}/oauth/authorize`, {
      method: 'POST', redirect: 'manual',
      body: new URLSearchParams({ client_id: creds.VALTUUDET_CLIENT_ID, user: userId, redirect_uri: 'not an address', principal: '7019376-8', action: 'select' }),
    });
    expect(posted.status).toBe(400);
  });

  it('refuses the token endpoint without the OAuth password in plain Basic auth', async () => {
    const res = await fetch(`${sandbox.url}/oauth/token?grant_type=authorization_code&code=x&redirect_uri=${encodeURIComponent(REDIRECT)}`, {
      method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${creds.VALTUUDET_CLIENT_ID}:nope`).toString('base64')}` },
    });
    expect(res.status).toBe(401);
  });

  it('answers 401 once the Web API session has expired, and after unregister', async () => {
    const first = await codeFor('ypa', TESSA, '7019376-8');
    const token = await client.exchangeCode(first.code, REDIRECT);
    clock += 61_000;
    await expect(client.organizationRoles(first.sessionId, token.accessToken)).rejects.toBeInstanceOf(ValtuudetError);
    await expect(client.organizationRoles(first.sessionId, token.accessToken)).rejects.toMatchObject({ kind: 'session_expired' });
    clock = Date.now();
    const second = await codeFor('ypa', TESSA, '7019376-8');
    const t2 = await client.exchangeCode(second.code, REDIRECT);
    await client.unregister('ypa', second.sessionId);
    await expect(client.organizationRoles(second.sessionId, t2.accessToken)).rejects.toMatchObject({ kind: 'session_expired' });
  });

  it('tells a person\'s mandate by issue, over the Web API and the REST API, and forgets it when revoked', async () => {
    const { sessionId, code } = await codeFor('hpa', TESSA, '120508A950F');
    const token = await client.exchangeCode(code, REDIRECT);
    expect(await client.delegate(sessionId, token.accessToken)).toEqual([{ personId: '120508A950F', name: 'Kumpulainen Anni Emilia' }]);
    expect(await client.authorization(sessionId, token.accessToken, '120508A950F', [SANDBOX_ISSUE_URI])).toMatchObject({ result: 'ALLOWED' });
    expect(await client.authorization(sessionId, token.accessToken, '120508A950F', ['http://valtuusrekisteri.suomi.fi/muu'])).toMatchObject({ result: 'DISALLOWED' });
    expect(await client.authorizationList(sessionId, token.accessToken, '120508A950F')).toEqual({ roles: [SANDBOX_ISSUE_URI], reasons: [] });
    const rest = (delegateHetu: string, principalHetu: string) => client.restAuthorization({ delegateHetu, principalHetu, issue: SANDBOX_ISSUE_URI, endUserId: 'test' });
    expect(await rest(TESSA, '120508A950F')).toMatchObject({ result: 'ALLOWED' });
    // The disallowed pair.
    expect(await rest(JONI, '131052-308T')).toMatchObject({ result: 'DISALLOWED', reasons: [expect.objectContaining({ valueType: 'DESCRIPTION' })] });
    await fetch(`${sandbox.url}/sandbox/revoke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ delegate: TESSA, principal: '120508A950F' }) });
    expect(await rest(TESSA, '120508A950F')).toMatchObject({ result: 'DISALLOWED' });
  });

  it('refuses to start in production', async () => {
    await expect(startValtuudetSandbox({ clients: [], port: 0, production: true })).rejects.toThrow(/production/);
  });
});
