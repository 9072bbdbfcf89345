import type { Request } from 'express';

/**
 * The login of the portal a page belongs to (Virtu for /official, else Suomi.fi), coming back to this page
 * (a GET; after a form, the front page). The login route checks returnTo again (api/saml/return-to.ts).
 */
export function loginHref(req: Request, language: string): string {
  const url = new URL(req.originalUrl, 'http://page.invalid');
  url.searchParams.delete('lang');
  const idp = url.pathname.startsWith('/official') ? 'virtu' : 'suomifi';
  const back = req.method === 'GET' ? `${url.pathname}${url.search}` : '/';
  return `/auth/${idp}/login?lang=${language}&returnTo=${encodeURIComponent(back)}`;
}
