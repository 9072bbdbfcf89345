import { inflateRawSync } from 'node:zlib';
import { loginThroughSandbox } from '../../sandbox/saml-idp/driver';
import { loginResponse, postToAcs, startLoginStack, type LoginStack } from '../support/login';

// Issue 2, section 4: logins through the sandbox IdPs over the real Redirect and POST bindings.
describe('login through the sandbox identity providers', () => {
  let stack: LoginStack;
  beforeAll(async () => {
    stack = await startLoginStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const me = async (cookie: string) => {
    const res = await fetch(`${stack.apiUrl}/api/v1/me`, { headers: { cookie } });
    return { status: res.status, body: (await res.json()) as any };
  };
  const sessionRow = (cookieOrId: { id: string }) => stack.db('sessions').where({ id: cookieOrId.id }).first();
  const sessionIdFromMe = async (cookie: string) => {
    const rows = await stack.db('sessions').whereNull('ended_at').select('id', 'csrf_token');
    const { body } = await me(cookie);
    return rows.find((r) => r.csrf_token === body.csrfToken)!.id as string;
  };

  it('logs an applicant in with Suomi.fi and keeps the identity code only encrypted', async () => {
    const { cookie, csrfToken } = await loginThroughSandbox({ apiBaseUrl: stack.apiUrl, idp: 'suomifi', user: '010280-952L', lang: 'sv' });
    expect(cookie).toMatch(/^lupaflow_session=[A-Za-z0-9_-]{43}$/);
    const { status, body } = await me(cookie);
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'applicant', idp: 'suomifi', displayName: 'Tessa Testilä', loa: 'substantial', language: 'sv', authorityId: null, permissions: [], csrfToken });

    const row = await sessionRow({ id: await sessionIdFromMe(cookie) });
    expect(row.subject_ref).toBe(stack.pii.hash('010280-952L'));
    expect(stack.pii.decrypt(row.identity_code_enc)).toBe('010280-952L');
    expect(JSON.stringify(row)).not.toContain('010280-952L');
    // The token is never stored, only its SHA-256.
    expect(JSON.stringify(row)).not.toContain(cookie.split('=')[1]);
    expect(row).toMatchObject({
      name_id_format: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
      name_qualifier: stack.sandbox.idps.suomifi.entityId,
      sp_name_qualifier: `${stack.apiUrl}/auth/sp`,
    });
    expect(row.session_index).toMatch(/^_/);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax and Path=/', async () => {
    const out = await loginResponse(stack, 'suomifi', '010469-999W', { method: 'bank' }, 'returnTo=%2Fomat-asiat');
    const acs = await postToAcs(out.acsUrl, out);
    expect(acs.status).toBe(303);
    expect(acs.headers.get('location')).toBe('/omat-asiat');
    const setCookie = acs.headers.getSetCookie().find((c) => c.startsWith('lupaflow_session='))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect((await me(setCookie.split(';')[0])).body.loa).toBe('high');
  });

  it("accepts a response signed with the IdP's next certificate from its metadata (rollover)", async () => {
    const out = await loginResponse(stack, 'suomifi', '010280-952L', { signWithNextKey: true });
    expect((await postToAcs(out.acsUrl, out)).status).toBe(303);
  });

  it('records a Finnish Authenticator login with LoA low (the service decides whether that is enough)', async () => {
    const { cookie } = await loginThroughSandbox({ apiBaseUrl: stack.apiUrl, idp: 'suomifi', user: '010675-9981', method: 'authenticator' });
    expect((await me(cookie)).body).toMatchObject({ loa: 'low', displayName: 'Anna-Liisa Sallinen' });
  });

  it('logs a Virtu official in with their authority and permissions', async () => {
    const { cookie } = await loginThroughSandbox({ apiBaseUrl: stack.apiUrl, idp: 'virtu', user: 'paavo.paattaja@lvv.fi' });
    const { body } = await me(cookie);
    expect(body).toMatchObject({ kind: 'official', idp: 'virtu', displayName: 'Paavo Päättäjä', authorityId: 'lvv', language: 'fi' });
    expect(body.permissions.sort()).toEqual(['case:decide', 'case:handle', 'case:read']);
    const row = await sessionRow({ id: await sessionIdFromMe(cookie) });
    expect(row).toMatchObject({ kind: 'official', subject_ref: 'paavo.paattaja@lvv.fi', identity_code_enc: null });

    const tukes = await loginThroughSandbox({ apiBaseUrl: stack.apiUrl, idp: 'virtu', user: 'tuomas.tarkastaja@tukes.fi' });
    expect((await me(tukes.cookie)).body).toMatchObject({ authorityId: 'tukes', permissions: ['case:handle', 'case:read'] });
    const operator = await loginThroughSandbox({ apiBaseUrl: stack.apiUrl, idp: 'virtu', user: 'olli.operaattori@lvv.fi' });
    expect((await me(operator.cookie)).body.permissions).toEqual(['case:read', 'operator']);
  });

  it('logs out: ends the session first, then sends a signed LogoutRequest with the full NameID', async () => {
    const { cookie, csrfToken } = await loginThroughSandbox({ apiBaseUrl: stack.apiUrl, idp: 'suomifi', user: '261298-998X' });
    const id = await sessionIdFromMe(cookie);
    const row = await sessionRow({ id });

    const withoutCsrf = await fetch(`${stack.apiUrl}/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(withoutCsrf.status).toBe(403);

    const out = await fetch(`${stack.apiUrl}/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(out.status).toBe(200);
    const { redirectTo } = (await out.json()) as { redirectTo: string };
    expect((await sessionRow({ id })).ended_at).not.toBeNull();
    expect((await me(cookie)).status).toBe(401);

    const url = new URL(redirectTo);
    expect(`${url.origin}${url.pathname}`).toBe(stack.sandbox.idps.suomifi.url.sloRedirect);
    expect(url.searchParams.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(url.searchParams.get('Signature')).toBeTruthy();
    const xml = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest')!, 'base64')).toString();
    expect(xml).toContain('<LG>fi</LG>');

    // The sandbox IdP verifies the signature against the SP metadata and answers with a LogoutResponse.
    const atIdp = await fetch(redirectTo, { redirect: 'manual' });
    expect(atIdp.status).toBe(302);
    const received = stack.sandbox.idps.suomifi.receivedLogouts.at(-1)!;
    expect(received).toMatchObject({
      kind: 'LogoutRequest',
      nameId: row.name_id,
      nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
      nameQualifier: row.name_qualifier,
      spNameQualifier: row.sp_name_qualifier,
      sessionIndex: row.session_index,
    });
    const back = await fetch(atIdp.headers.get('location')!, { redirect: 'manual' });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/');
    // The same LogoutResponse a second time answers nothing outstanding.
    const again = await fetch(atIdp.headers.get('location')!, { redirect: 'manual' });
    expect(again.status).toBe(401);
  });

  it('ends the session when the IdP sends a signed LogoutRequest, and answers it', async () => {
    const { cookie } = await loginThroughSandbox({ apiBaseUrl: stack.apiUrl, idp: 'virtu', user: 'kaisa.kasittelija@lvv.fi' });
    const row = await sessionRow({ id: await sessionIdFromMe(cookie) });
    const idp = stack.sandbox.idps.virtu;
    const res = await fetch(await idp.logoutRequestUrl({ value: row.name_id }, row.session_index), { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')!.startsWith(`${idp.url.sloRedirect}?SAMLResponse=`)).toBe(true);
    expect((await me(cookie)).status).toBe(401);
    // The IdP accepts the SP's signed LogoutResponse.
    expect((await fetch(res.headers.get('location')!)).status).toBe(200);
  });

  it('ends the session on a LogoutRequest sent with the POST binding and an XML signature', async () => {
    const { cookie } = await loginThroughSandbox({ apiBaseUrl: stack.apiUrl, idp: 'suomifi', user: '010469-999W' });
    const row = await sessionRow({ id: await sessionIdFromMe(cookie) });
    const post = await stack.sandbox.idps.suomifi.logoutRequestPost({ value: row.name_id }, row.session_index);
    const forgedXml = Buffer.from(post.SAMLRequest, 'base64').toString('utf8').replace(row.session_index, '_another-session');
    const forged = await fetch(post.url, { method: 'POST', body: new URLSearchParams({ SAMLRequest: Buffer.from(forgedXml).toString('base64') }), redirect: 'manual' });
    expect(forged.status).toBe(401);
    expect((await me(cookie)).status).toBe(200);

    const res = await fetch(post.url, { method: 'POST', body: new URLSearchParams({ SAMLRequest: post.SAMLRequest }), redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')!.startsWith(`${stack.sandbox.idps.suomifi.url.sloRedirect}?SAMLResponse=`)).toBe(true);
    expect((await me(cookie)).status).toBe(401);
  });

  it('refuses an IdP logout request whose signature was tampered with, and keeps the session', async () => {
    const { cookie } = await loginThroughSandbox({ apiBaseUrl: stack.apiUrl, idp: 'suomifi', user: '260991-999R' });
    const row = await sessionRow({ id: await sessionIdFromMe(cookie) });
    const url = await stack.sandbox.idps.suomifi.logoutRequestUrl({ value: row.name_id }, row.session_index);
    // Another letter in the base64 signature, and a broken percent-encoding: both refused.
    const forged = url.replace(/Signature=([^&]*?)([A-Za-z])/, (_m, head: string, c: string) => `Signature=${head}${c === 'A' ? 'B' : 'A'}`);
    const broken = url.replace('Signature=', 'Signature=%E0%A4%A');
    for (const bad of [forged, broken]) {
      const res = await fetch(bad, { redirect: 'manual' });
      expect(res.status).toBe(401);
      expect(((await res.json()) as any).error.code).toBe('LOGIN_REFUSED');
    }
    expect((await me(cookie)).status).toBe(200);
  });

  it('serves SP metadata with the Suomi.fi entity attributes, both keys, ACS and SLO', async () => {
    const res = await fetch(`${stack.apiUrl}/auth/suomifi/metadata`);
    expect(res.headers.get('content-type')).toMatch(/application\/samlmetadata\+xml/);
    const xml = await res.text();
    for (const part of [
      `entityID="${stack.apiUrl}/auth/sp"`,
      'AuthnRequestsSigned="true" WantAssertionsSigned="true"',
      'FriendlyName="CipherName"',
      '<saml:AttributeValue>AES-GCM</saml:AttributeValue>',
      'FriendlyName="VtjVerificationRequired"',
      'FriendlyName="SkipEndpointValidationWhenSigned"',
      '<saml:AttributeValue>http://ftn.ficora.fi/2017/loa3</saml:AttributeValue>',
      'use="signing"',
      'use="encryption"',
      `Location="${stack.apiUrl}/auth/suomifi/acs"`,
      `Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${stack.apiUrl}/auth/suomifi/slo"`,
      '<mdui:DisplayName xml:lang="sv">',
      'contactType="technical"',
    ]) expect(xml).toContain(part);
  });

  it('answers metadata for an unknown identity provider with a JSON 404, not labelled as metadata XML (found by the API fuzz run)', async () => {
    const res = await fetch(`${stack.apiUrl}/auth/nosuchidp/metadata`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await res.json()) as any).error.code).toBe('NOT_FOUND');
  });

  it('only redirects back to same-origin paths after login', async () => {
    for (const [returnTo, expected] of [
      ['https://evil.example/', '/'],
      ['//evil.example', '/'],
      // Dot segments that normalise into `//evil.example/phish`, another site.
      ['/.//evil.example/phish', '/'],
      ['/%2e%2e//evil.example/phish', '/'],
      ['/hakemukset?a=1', '/hakemukset?a=1'],
    ]) {
      const out = await loginResponse(stack, 'suomifi', '010280-952L', {}, `returnTo=${encodeURIComponent(returnTo)}`);
      const acs = await postToAcs(out.acsUrl, out);
      expect({ returnTo, status: acs.status, location: acs.headers.get('location') }).toEqual({ returnTo, status: 303, location: expected });
    }
  });

  describe('binds each login to the browser that started it (login CSRF)', () => {
    const sessionCount = async () => Number((await stack.db('sessions').count({ n: '*' }).first())!.n);
    async function expectRefused(res: Response) {
      const body = (await res.json()) as any;
      expect({ status: res.status, code: body.error?.code }).toEqual({ status: 401, code: 'LOGIN_REFUSED' });
      expect(body.error.message).toMatch(/this login was started in another browser/);
      expect(res.headers.getSetCookie().some((c) => c.startsWith('lupaflow_session='))).toBe(false);
    }

    it('sets a short-lived HttpOnly login cookie on /auth when the login starts', async () => {
      const res = await fetch(`${stack.apiUrl}/auth/virtu/login`, { redirect: 'manual' });
      const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('lupaflow_login='))!;
      expect(setCookie).toMatch(/^lupaflow_login=[A-Za-z0-9_-]{43};/);
      expect(setCookie).toMatch(/Max-Age=900/);
      expect(setCookie).toMatch(/Path=\/auth(;|$)/);
      expect(setCookie).toMatch(/HttpOnly/);
      // Plain http (development): Lax, as SameSite=None would need Secure.
      expect(setCookie).toMatch(/SameSite=Lax/);
      // Only its hash is stored with the request.
      expect(JSON.stringify(await stack.db('saml_requests').orderBy('created_at', 'desc').first())).not.toContain(setCookie.split(';')[0].split('=')[1]);
    });

    it('refuses a response posted without the login cookie and creates no session', async () => {
      const out = await loginResponse(stack, 'suomifi', '010280-952L');
      const before = await sessionCount();
      await expectRefused(await postToAcs(out.acsUrl, { ...out, cookie: undefined }));
      expect(await sessionCount()).toBe(before);
    });

    it("refuses a response posted with another login's cookie, and still accepts it from the right browser", async () => {
      const attackers = await loginResponse(stack, 'suomifi', '010469-999W');
      const victims = await loginResponse(stack, 'suomifi', '010280-952L');
      const before = await sessionCount();
      // The attacker's own response, submitted through the victim's browser.
      await expectRefused(await postToAcs(attackers.acsUrl, { ...attackers, cookie: victims.cookie }));
      expect(await sessionCount()).toBe(before);

      const acs = await postToAcs(attackers.acsUrl, attackers);
      expect(acs.status).toBe(303);
      expect(await sessionCount()).toBe(before + 1);
      // Used once: the login cookie is cleared with the login.
      expect(acs.headers.getSetCookie().find((c) => c.startsWith('lupaflow_login='))).toMatch(/^lupaflow_login=;.*Path=\/auth.*Expires=Thu, 01 Jan 1970/);
    });
  });
});
