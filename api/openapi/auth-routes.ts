import { z } from 'zod';
import { ErrorCode } from '../../workflows/error-codes';
import { Language } from './schemas';
import type { RouteSpec } from './route';

const Idp = z.strictObject({ idp: z.enum(['suomifi', 'virtu']) });
const tag = 'Login';
/** An identity provider other than these two is no route of the auth module: 404. */
const unknownIdp = [ErrorCode.NOT_FOUND];
/** A SAML message that fails a check is refused in the one error format (api/saml/refusal.ts). */
const refused = [ErrorCode.NOT_FOUND, ErrorCode.LOGIN_REFUSED];

/**
 * The SAML routes under /auth (served by the auth module, api/saml), described here so that the
 * document covers every route. Their bodies are SAML form posts, not JSON.
 */
export const authRouteSpecs: RouteSpec[] = [
  {
    method: 'get', path: '/auth/:idp/login', tag, access: 'public',
    summary: 'Starts a login at Suomi.fi e-Identification or Virtu: redirects to the IdP with a signed AuthnRequest and sets the short-lived `lupaflow_login` cookie that binds the login to this browser.',
    params: Idp,
    query: z.strictObject({ lang: Language.optional(), returnTo: z.string().optional() }),
    response: { status: 302, description: 'Redirect to the identity provider (HTTP-Redirect binding).' },
    errors: unknownIdp,
  },
  {
    method: 'post', path: '/auth/:idp/acs', tag, access: 'public',
    summary: 'Assertion consumer service: verifies the SAML response, requires the `lupaflow_login` cookie of the browser that started the login, creates the session and sets the session cookie.',
    params: Idp,
    response: { status: 303, description: 'Logged in; redirect to returnTo.' },
    errors: refused,
  },
  {
    method: 'get', path: '/auth/:idp/metadata', tag, access: 'public',
    summary: 'The service provider metadata XML for this identity provider.',
    params: Idp,
    response: { status: 200, description: 'SAML metadata.', contentType: 'application/samlmetadata+xml' },
    errors: unknownIdp,
  },
  {
    method: 'post', path: '/auth/logout', tag, access: 'session',
    summary: 'Ends the local session and gives the IdP single-logout address to visit.',
    response: { status: 200, description: 'Logged out locally.', schema: z.object({ redirectTo: z.string() }) },
  },
  {
    method: 'get', path: '/auth/:idp/slo', tag, access: 'public',
    summary: 'Single logout: a LogoutRequest or LogoutResponse from the IdP (HTTP-Redirect binding).',
    params: Idp,
    response: { status: 302, description: 'Redirect after logout.' },
    errors: refused,
  },
  {
    method: 'post', path: '/auth/:idp/slo', tag, access: 'public',
    summary: 'Single logout: a LogoutRequest or LogoutResponse from the IdP (HTTP-POST binding).',
    params: Idp,
    response: { status: 303, description: 'Redirect after logout.' },
    errors: refused,
  },
];
