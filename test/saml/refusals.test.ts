import type { Tamper } from '../../sandbox/saml-idp/response';
import type { SamlAttribute } from '../../sandbox/saml-idp/response';
import { loginResponse, postToAcs, startLoginStack, type LoginStack } from '../support/login';

// Issue 2, section 7: every forged, stale or misdirected login response is refused with a clear
// error in the one error format, and no session is created.
describe('login refusals', () => {
  let stack: LoginStack;
  beforeAll(async () => {
    stack = await startLoginStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const sessionCount = async () => Number((await stack.db('sessions').count({ n: '*' }).first())!.n);

  /** Starts a real login and lets the sandbox IdP answer with the given fault (with the browser's login cookie). */
  const respondWith = (idpName: 'suomifi' | 'virtu', user: string, o: { tamper?: Tamper; classRef?: string; attributes?: SamlAttribute[] } = {}) =>
    loginResponse(stack, idpName, user, o);

  async function expectRefused(post: Promise<Response>, reason: RegExp) {
    const before = await sessionCount();
    const res = await post;
    const body = (await res.json()) as any;
    expect({ status: res.status, code: body.error?.code }).toEqual({ status: 401, code: 'LOGIN_REFUSED' });
    expect(body.error.message).toMatch(reason);
    expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
    expect(res.headers.getSetCookie().some((c) => c.startsWith('lupaflow_session='))).toBe(false);
    expect(await sessionCount()).toBe(before);
  }

  const cases: [Tamper, RegExp][] = [
    ['unsigned', /response is not signed/],
    ['unsigned-assertion', /assertion is not signed/],
    ['foreign-key', /response signature is not valid for the identity provider's certificates/],
    ['xsw-extra-assertion', /exactly one encrypted assertion \(found 1 encrypted and 1 plain\)/],
    ['xsw-wrapped-assertion', /exactly one encrypted assertion \(found 2 encrypted and 0 plain\)/],
    ['xsw-reference-elsewhere', /response signature does not cover the response itself/],
    ['expired', /assertion has expired/],
    ['wrong-audience', /meant for another service \(Audience\)/],
    ['no-audience', /no AudienceRestriction/],
    ['wrong-destination', /Destination is not this service's assertion consumer URL/],
    ['wrong-recipient', /Recipient is not this service's assertion consumer URL/],
    ['wrong-issuer', /Issuer is not the identity provider/],
    ['unsolicited', /unsolicited \(no InResponseTo\)/],
    ['unknown-in-response-to', /answers no login this service started/],
    ['unencrypted', /assertion was not encrypted/],
    // One field each, so each check is proven on its own.
    ['scd-expired', /assertion has expired \(SubjectConfirmation NotOnOrAfter has passed\)/],
    ['not-yet-valid', /assertion is not valid yet/],
    ['assertion-wrong-issuer', /the assertion Issuer is not the identity provider/],
    ['scd-in-response-to-mismatch', /SubjectConfirmation InResponseTo does not match the response/],
    ['cbc', /encrypted with http:\/\/www.w3.org\/2001\/04\/xmlenc#aes256-cbc; only AES-GCM is accepted/],
    ['rsa-1_5', /transported with http:\/\/www.w3.org\/2001\/04\/xmlenc#rsa-1_5; only RSA-OAEP is accepted/],
  ];

  it.each(cases)('refuses a response with the fault %s', async (tamper, reason) => {
    const out = await respondWith('suomifi', '010280-952L', { tamper });
    await expectRefused(postToAcs(out.acsUrl, out), reason);
  });

  it('accepts the same response untampered (the faults above are what makes them fail)', async () => {
    const out = await respondWith('suomifi', '010280-952L');
    const before = await sessionCount();
    const res = await postToAcs(out.acsUrl, out);
    expect(res.status).toBe(303);
    expect(await sessionCount()).toBe(before + 1);
  });

  it('refuses a replayed response (the same one posted twice)', async () => {
    const out = await respondWith('suomifi', '010469-999W');
    expect((await postToAcs(out.acsUrl, out)).status).toBe(303);
    await expectRefused(postToAcs(out.acsUrl, out), /already been used \(replay\)/);
  });

  it('refuses a response whose RelayState is not the one sent with the request', async () => {
    const out = await respondWith('suomifi', '010469-999W');
    await expectRefused(postToAcs(out.acsUrl, { ...out, RelayState: 'something-else' }), /RelayState does not match/);
  });

  it('refuses a response posted to the other IdP’s ACS', async () => {
    const out = await respondWith('suomifi', '010469-999W');
    await expectRefused(postToAcs(out.acsUrl.replace('/suomifi/', '/virtu/'), out), /Issuer is not the identity provider/);
  });

  it('refuses an authentication method it does not know', async () => {
    const out = await respondWith('suomifi', '010280-952L', { classRef: 'urn:example:password' });
    await expectRefused(postToAcs(out.acsUrl, out), /authentication method urn:example:password is not one the service accepts/);
  });

  it('refuses an invalid identity code', async () => {
    const attributes = [{ name: 'urn:oid:1.2.246.21', values: ['010280-952K'] }, { name: 'urn:oid:2.5.4.42', values: ['Tessa'] }];
    const out = await respondWith('suomifi', '010280-952L', { attributes });
    await expectRefused(postToAcs(out.acsUrl, out), /personal identity code in the assertion is not valid/);
  });

  it('refuses an official whose home organisation is not a known authority', async () => {
    const attributes = [
      { name: 'urn:oid:1.3.6.1.4.1.31350.1.8', values: ['maija@vero.fi'] },
      { name: 'urn:oid:1.3.6.1.4.1.31350.1.5', values: ['vero.fi'] },
      { name: 'urn:oid:1.3.6.1.4.1.31350.1.4', values: ['lupaflow:paattaja'] },
    ];
    const out = await respondWith('virtu', 'kaisa.kasittelija@lvv.fi', { attributes });
    await expectRefused(postToAcs(out.acsUrl, out), /home organisation vero.fi is not an authority that uses this service/);
  });

  it('refuses a post without a SAMLResponse', async () => {
    const before = await sessionCount();
    const res = await fetch(`${stack.apiUrl}/auth/suomifi/acs`, { method: 'POST', body: new URLSearchParams({ RelayState: 'x' }), redirect: 'manual' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).error.message).toMatch(/carries no SAMLResponse/);
    expect(await sessionCount()).toBe(before);
  });

  it('refuses a response whose signature element is malformed', async () => {
    const out = await respondWith('suomifi', '010280-952L', { tamper: 'unsigned' });
    const xml = Buffer.from(out.SAMLResponse, 'base64').toString('utf8').replace('</saml2:Issuer>', '</saml2:Issuer><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/></ds:SignedInfo></ds:Signature>');
    await expectRefused(postToAcs(out.acsUrl, { ...out, SAMLResponse: Buffer.from(xml).toString('base64') }), /response signature is not valid/);
  });

  it('refuses garbage that is not XML', async () => {
    await expectRefused(postToAcs(`${stack.apiUrl}/auth/suomifi/acs`, { SAMLResponse: Buffer.from('<not xml').toString('base64') }), /not well-formed|not a SAML Response/);
  });
});
