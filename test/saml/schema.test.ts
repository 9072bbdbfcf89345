import { validate } from '@authenio/samlify-node-xmllint';
import { inflateRawSync } from 'node:zlib';
import { loginThroughSandbox } from '../../sandbox/saml-idp/driver';
import { startLogin, startLoginStack, type LoginStack } from '../support/login';

// Issue 2, section 4: what the platform and its stand-in IdPs send is valid SAML 2.0 (OASIS schemas),
// so that pointing the configuration at the real Suomi.fi test environment is a configuration change.
describe('SAML messages against the OASIS schemas', () => {
  let stack: LoginStack;
  beforeAll(async () => {
    stack = await startLoginStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const fromRedirect = (url: string, param: 'SAMLRequest' | 'SAMLResponse') =>
    inflateRawSync(Buffer.from(new URL(url).searchParams.get(param)!, 'base64')).toString('utf8');
  const valid = (xml: string) => expect(validate(xml)).resolves.toBe('SUCCESS_VALIDATE_XML');

  it('the AuthnRequest with the language extension', async () => {
    const xml = fromRedirect((await startLogin(stack.apiUrl, 'suomifi', 'lang=en')).ssoUrl, 'SAMLRequest');
    expect(xml).toContain('<vetuma xmlns="urn:vetuma:SAML:2.0:extensions"><LG>en</LG></vetuma>');
    await valid(xml);
  });

  it("the sandbox IdP's signed Response, with the assertion encrypted and, for inspection, in clear", async () => {
    const idp = stack.sandbox.idps.suomifi;
    const login = await idp.receiveAuthnRequest((await startLogin(stack.apiUrl, 'suomifi')).ssoUrl);
    const encrypted = Buffer.from((await idp.respond(login, '010280-952L')).SAMLResponse, 'base64').toString('utf8');
    expect(encrypted).toContain('http://www.w3.org/2009/xmlenc11#aes256-gcm');
    await valid(encrypted);
    const clear = Buffer.from((await idp.respond(login, '010280-952L', { tamper: 'unencrypted' })).SAMLResponse, 'base64').toString('utf8');
    await valid(clear);
  });

  it('the LogoutRequest and LogoutResponse of both directions', async () => {
    const { cookie, csrfToken } = await loginThroughSandbox({ apiBaseUrl: stack.apiUrl, idp: 'suomifi', user: '010469-999W' });
    const out = (await (await fetch(`${stack.apiUrl}/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } })).json()) as { redirectTo: string };
    await valid(fromRedirect(out.redirectTo, 'SAMLRequest'));
    const idpAnswer = (await fetch(out.redirectTo, { redirect: 'manual' })).headers.get('location')!;
    await valid(fromRedirect(idpAnswer, 'SAMLResponse'));

    const official = await loginThroughSandbox({ apiBaseUrl: stack.apiUrl, idp: 'virtu', user: 'kaisa.kasittelija@lvv.fi' });
    const row = (await stack.db('sessions').where({ idp: 'virtu' }).whereNull('ended_at').orderBy('created_at', 'desc').first())!;
    const idpRequest = await stack.sandbox.idps.virtu.logoutRequestUrl({ value: row.name_id }, row.session_index);
    await valid(fromRedirect(idpRequest, 'SAMLRequest'));
    const spAnswer = (await fetch(idpRequest, { redirect: 'manual', headers: { cookie: official.cookie } })).headers.get('location')!;
    await valid(fromRedirect(spAnswer, 'SAMLResponse'));
  });
});
