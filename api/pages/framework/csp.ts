import type { Response } from 'express';

/**
 * Lets the page's forms lead to `origins` through a redirect (logout to the IdP, acting for someone to
 * e-Authorizations): browsers apply CSP form-action to every redirect after a form is sent, and helmet's
 * policy allows only 'self'. The rest of helmet's policy stays as it is.
 */
export function allowFormTargets(res: Response, origins: string[]): void {
  const policy = res.getHeader('content-security-policy');
  const sources = [...new Set(origins)].filter((o) => /^https?:\/\/[^\s;']+$/.test(o));
  if (typeof policy !== 'string' || sources.length === 0) return;
  res.setHeader('Content-Security-Policy', policy.replace(/form-action 'self'/, `form-action 'self' ${sources.join(' ')}`));
}
