import type { Caller } from '../api/http';

/** A page as a browser gets it: status, the HTML, headers (redirects are not followed). */
export interface PageAnswer {
  status: number;
  html: string;
  headers: Headers;
}

/** GETs a page like a browser (Accept: text/html), with the caller's session cookie and any extra cookie. */
export async function getPage(baseUrl: string, caller: Caller, path: string, opts: { cookie?: string; language?: string } = {}): Promise<PageAnswer> {
  const cookie = [caller.cookie, opts.cookie].filter(Boolean).join('; ');
  const res = await fetch(`${baseUrl}${path}`, {
    headers: { accept: 'text/html,application/xhtml+xml', ...(cookie ? { cookie } : {}), ...(opts.language ? { 'accept-language': opts.language } : {}) },
    redirect: 'manual',
  });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

/** POSTs a page form (urlencoded), with the session's CSRF token in `_csrf` unless `csrf` says otherwise. */
export async function postForm(baseUrl: string, caller: Caller, path: string, fields: Record<string, string | string[]>, opts: { csrf?: string | null } = {}): Promise<PageAnswer> {
  const body = new URLSearchParams();
  const csrf = opts.csrf === undefined ? caller.csrfToken : opts.csrf;
  if (csrf) body.append('_csrf', csrf);
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...(caller.cookie ? { cookie: caller.cookie } : {}) },
    body: body.toString(),
    redirect: 'manual',
  });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

/** The text of the page's <h1>, tags stripped. */
export const heading = (html: string) => /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1].replace(/<[^>]+>/g, '').trim();
