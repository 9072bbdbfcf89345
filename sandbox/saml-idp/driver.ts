/**
 * Logs in through a sandbox IdP without a browser, over HTTP only: the platform's login redirect
 * (signed AuthnRequest, Redirect binding), the IdP's own selection form, and the POST binding back to
 * the platform's ACS. Like a browser, it carries the login cookie set by the redirect to the ACS (the
 * platform refuses a response coming back to another browser). Used by the demo, the benchmark and
 * the API tests.
 */
export async function loginThroughSandbox(opts: {
  apiBaseUrl: string;
  idp: 'suomifi' | 'virtu';
  /** suomifi: a test identity code such as '010280-952L'; virtu: an official's local id such as 'kaisa.kasittelija@lvv.fi'. */
  user: string;
  /** suomifi: 'bank' (high), 'mobile-id' (substantial, default), 'test-id' (substantial), 'authenticator' (low). */
  method?: string;
  lang?: 'fi' | 'sv' | 'en';
  /** Post the IdP's answer to this origin instead of the form's, as a load balancer may send it to another API instance. */
  acsBaseUrl?: string;
}): Promise<{ cookie: string; csrfToken: string }> {
  const api = opts.apiBaseUrl.replace(/\/$/, '');
  const login = await fetch(`${api}/auth/${opts.idp}/login?lang=${opts.lang ?? 'fi'}&returnTo=%2F`, { redirect: 'manual' });
  const ssoUrl = login.headers.get('location');
  if (login.status !== 302 || !ssoUrl) throw new Error(`login did not redirect to the IdP (HTTP ${login.status}): ${await snippet(login)}`);
  const loginCookie = login.headers.getSetCookie().find((c) => c.startsWith('lupaflow_login='))?.split(';')[0];
  if (!loginCookie) throw new Error('the login redirect set no lupaflow_login cookie');

  const page = await fetch(ssoUrl, { redirect: 'manual' });
  const pageHtml = await page.text();
  if (page.status !== 200) throw new Error(`the sandbox IdP refused the AuthnRequest (HTTP ${page.status}): ${pageHtml.slice(0, 300)}`);
  const selection = readForm(pageHtml, ssoUrl);
  if (!new RegExp(`name="user" value="${escapeRegExp(htmlEscape(opts.user))}"`).test(pageHtml)) {
    throw new Error(`the sandbox ${opts.idp} IdP has no test user ${opts.user}`);
  }
  const fields: Record<string, string> = { ...selection.fields, user: opts.user };
  if (opts.idp === 'suomifi') fields.method = opts.method ?? 'mobile-id';
  const chosen = await fetch(selection.action, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
  const postHtml = await chosen.text();
  if (chosen.status !== 200) throw new Error(`the sandbox IdP refused the selection (HTTP ${chosen.status}): ${postHtml.slice(0, 300)}`);
  const post = readForm(postHtml, selection.action);

  const acsUrl = opts.acsBaseUrl ? new URL(`${new URL(post.action).pathname}${new URL(post.action).search}`, opts.acsBaseUrl).toString() : post.action;
  const acs = await fetch(acsUrl, { method: 'POST', body: new URLSearchParams(post.fields), redirect: 'manual', headers: { cookie: loginCookie } });
  const setCookie = acs.headers.getSetCookie().find((c) => c.startsWith('lupaflow_session='));
  if (acs.status !== 303 || !setCookie) throw new Error(`the platform refused the login (HTTP ${acs.status}): ${await snippet(acs)}`);
  const cookie = setCookie.split(';')[0];

  const me = await fetch(`${api}/api/v1/me`, { headers: { cookie } });
  if (!me.ok) throw new Error(`GET /api/v1/me failed after login (HTTP ${me.status}): ${await snippet(me)}`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

/** The first form of a page: its absolute action URL and its hidden fields. */
export function readForm(html: string, pageUrl: string): { action: string; fields: Record<string, string> } {
  const form = /<form\b[^>]*\baction="([^"]*)"/i.exec(html);
  if (!form) throw new Error(`no form on the sandbox page: ${html.slice(0, 200)}`);
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input\b[^>]*type="hidden"[^>]*>/gi)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const value = /\bvalue="([^"]*)"/.exec(m[0])?.[1];
    if (name !== undefined && value !== undefined) fields[htmlUnescape(name)] = htmlUnescape(value);
  }
  return { action: new URL(htmlUnescape(form[1]), pageUrl).toString(), fields };
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&#39;': "'" };
const htmlUnescape = (s: string) => s.replace(/&(amp|lt|gt|quot|apos|#39);/g, (e) => ENTITIES[e]);
const htmlEscape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const snippet = async (res: globalThis.Response) => (await res.text()).slice(0, 300);
