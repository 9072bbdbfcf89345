import type { CookieOptions, Request, Response } from 'express';

/** The session cookie's name (the API contract). */
export const SESSION_COOKIE = 'lupaflow_session';
/** The login-binding cookie: ties an outstanding AuthnRequest to the browser that started it. */
export const LOGIN_COOKIE = 'lupaflow_login';
/** As long as an AuthnRequest may wait for its answer (api/saml/request-store.ts). */
const LOGIN_COOKIE_MAX_AGE_MS = 15 * 60_000;

/**
 * Session cookie attributes: HttpOnly, SameSite=Lax (sent on the top-level redirect back from the
 * IdP, not on cross-site subrequests), Path=/, no Domain (host-only), and Secure whenever the public
 * origin is https. The name has no `__Host-` prefix, so browsers do not enforce these attributes
 * themselves: this function is what keeps them.
 */
export function sessionCookieOptions(publicBaseUrl: string): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: publicBaseUrl.startsWith('https:') };
}

/**
 * Login cookie attributes: HttpOnly, Path=/auth, 15 minutes. The IdP answers with a cross-site POST
 * to the ACS, which browsers send only SameSite=None cookies with, and SameSite=None needs Secure:
 * so on https it is `SameSite=None; Secure`. On plain http (development only) Secure cookies are
 * not reliably kept (Safari refuses them even on localhost), so it is `SameSite=Lax`: the sandbox
 * IdPs run on the same host as the API, and ports do not make a request cross-site, so the POST
 * still carries it. Against a remote IdP over http the cookie is not sent and the login is refused
 * (fails closed).
 */
export function loginCookieOptions(publicBaseUrl: string): CookieOptions {
  const https = publicBaseUrl.startsWith('https:');
  return { httpOnly: true, path: '/auth', sameSite: https ? 'none' : 'lax', secure: https, maxAge: LOGIN_COOKIE_MAX_AGE_MS };
}

/** Reads one cookie from the Cookie header (cookie-parser not required). */
export function readCookie(req: Request, name: string): string | undefined {
  const fromParser = (req as Request & { cookies?: Record<string, string> }).cookies?.[name];
  if (fromParser) return fromParser;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export const readSessionCookie = (req: Request) => readCookie(req, SESSION_COOKIE);

export function setSessionCookie(res: Response, token: string, publicBaseUrl: string): void {
  res.cookie(SESSION_COOKIE, token, sessionCookieOptions(publicBaseUrl));
}

export function clearSessionCookie(res: Response, publicBaseUrl: string): void {
  res.clearCookie(SESSION_COOKIE, sessionCookieOptions(publicBaseUrl));
}

export function setLoginCookie(res: Response, nonce: string, publicBaseUrl: string): void {
  res.cookie(LOGIN_COOKIE, nonce, loginCookieOptions(publicBaseUrl));
}

export function clearLoginCookie(res: Response, publicBaseUrl: string): void {
  res.clearCookie(LOGIN_COOKIE, loginCookieOptions(publicBaseUrl));
}
