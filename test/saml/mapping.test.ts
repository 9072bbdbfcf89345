import { permissionsFromEntitlements } from '../../api/saml/entitlements';
import { loaFromClassRef } from '../../api/saml/loa';
import { safeReturnTo } from '../../api/saml/return-to';
import { loginCookieOptions } from '../../api/session/cookie';

// Issue 2, section 4: how login attributes become a session.
describe('level of assurance from the AuthnContextClassRef', () => {
  it.each([
    ['http://ftn.ficora.fi/2017/loa3', 'high'],
    ['http://eidas.europa.eu/LoA/high', 'high'],
    ['http://ftn.ficora.fi/2017/loa2', 'substantial'],
    ['http://eidas.europa.eu/LoA/substantial', 'substantial'],
    ['urn:oid:1.2.246.517.3002.110.999', 'substantial'],
    ['urn:oid:1.2.246.517.3002.110.7', 'low'],
  ])('maps %s to %s', (classRef, loa) => {
    expect(loaFromClassRef('suomifi', classRef, false)).toEqual({ loa });
  });

  it('refuses the test identifier in production, and unknown or missing methods', () => {
    expect(loaFromClassRef('suomifi', 'urn:oid:1.2.246.517.3002.110.999', true)).toEqual({ refused: expect.stringMatching(/not accepted in production/) });
    expect(loaFromClassRef('suomifi', 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport', false)).toHaveProperty('refused');
    expect(loaFromClassRef('suomifi', undefined, false)).toHaveProperty('refused');
  });
});

describe('Virtu entitlements', () => {
  it('grant the union of the known roles and ignore unknown values', () => {
    expect(permissionsFromEntitlements(['lupaflow:kasittelija'])).toEqual(['case:handle', 'case:read']);
    expect(permissionsFromEntitlements(['lupaflow:kasittelija', 'lupaflow:paattaja'])).toEqual(['case:decide', 'case:handle', 'case:read']);
    expect(permissionsFromEntitlements(['lupaflow:operaattori', 'urn:other:admin'])).toEqual(['case:read', 'operator']);
    expect(permissionsFromEntitlements([])).toEqual([]);
  });
});

describe('returnTo after login', () => {
  it.each([
    ['/hakemukset/LV-2026-000001?tab=1', '/hakemukset/LV-2026-000001?tab=1'],
    ['https://evil.example/', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['/ok\nSet-Cookie:x', '/'],
    // Dot segments that normalise into `//host` (a protocol-relative URL to another site).
    ['/.//evil.example', '/'],
    ['/..//evil.example', '/'],
    ['/a/..//evil.example', '/'],
    ['/%2e//evil.example', '/'],
    ['/%2E%2E//evil.example/phish', '/'],
    ['/a/./b/../c?x=1', '/a/c?x=1'],
    [undefined, '/'],
  ])('%s → %s', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });
});

describe('login cookie attributes', () => {
  it('are SameSite=None; Secure on https, so the IdP’s cross-site POST to the ACS carries the cookie', () => {
    expect(loginCookieOptions('https://lupa.example.fi')).toMatchObject({ httpOnly: true, path: '/auth', sameSite: 'none', secure: true });
  });
  it('are SameSite=Lax without Secure on plain http (development, IdP on the same host)', () => {
    expect(loginCookieOptions('http://localhost:3000')).toMatchObject({ httpOnly: true, path: '/auth', sameSite: 'lax', secure: false });
  });
});
