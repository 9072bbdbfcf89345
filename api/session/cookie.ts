import type { CookieOptions, Request, Response } from 'express';

/** The session cookie's name (the API contract). */
export const SESSION_COOKIE = 'lupaflow_session';

/**
 * Cookie attributes: HttpOnly, SameSite=Lax (sent on the top-level redirect back from the IdP, not
 * on cross-site subrequests), Path=/, no Domain; Secure whenever the public origin is https, which
 * together are the `__Host-` prefix rules.
 */
export function sessionCookieOptions(publicBaseUrl: string): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: publicBaseUrl.startsWith('https:') };
}

/** Reads the session token from the Cookie header (cookie-parser not required). */
export function readSessionCookie(req: Request): string | undefined {
  const fromParser = (req as Request & { cookies?: Record<string, string> }).cookies?.[SESSION_COOKIE];
  if (fromParser) return fromParser;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function setSessionCookie(res: Response, token: string, publicBaseUrl: string): void {
  res.cookie(SESSION_COOKIE, token, sessionCookieOptions(publicBaseUrl));
}

export function clearSessionCookie(res: Response, publicBaseUrl: string): void {
  res.clearCookie(SESSION_COOKIE, sessionCookieOptions(publicBaseUrl));
}
