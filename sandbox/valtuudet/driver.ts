/**
 * The browser part of choosing whom to act for, over HTTP only (tests and the demo): the platform's
 * redirect to the sandbox selection UI, the choice (or a cancel), and the return to the platform's
 * callback with the applicant's cookie. Returns where the platform then sent the browser.
 */
import { readForm } from '../saml-idp/driver';

export async function chooseInSandbox(opts: {
  /** The redirectUrl the platform answered POST /api/v1/acting-for with. */
  redirectUrl: string;
  /** A business id or identity code listed on the selection page; omitted: cancel. */
  principal?: string;
  /** The applicant's session cookie (`lupaflow_session=…`). */
  cookie: string;
}): Promise<{ status: number; location: string | null; callbackUrl: string }> {
  const page = await fetch(opts.redirectUrl, { redirect: 'manual' });
  const html = await page.text();
  if (page.status !== 200) throw new Error(`the sandbox selection UI refused (HTTP ${page.status}): ${html.slice(0, 300)}`);
  const form = readForm(html, opts.redirectUrl);
  if (opts.principal && !html.includes(`value="${opts.principal}"`)) throw new Error(`the selection page does not list ${opts.principal}`);
  const fields = { ...form.fields, action: opts.principal ? 'select' : 'cancel', ...(opts.principal ? { principal: opts.principal } : {}) };
  const chosen = await fetch(form.action, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });
  const callbackUrl = chosen.headers.get('location');
  if (chosen.status !== 302 || !callbackUrl) throw new Error(`the sandbox did not redirect back (HTTP ${chosen.status})`);
  const back = await fetch(callbackUrl, { redirect: 'manual', headers: { cookie: opts.cookie } });
  await back.text();
  return { status: back.status, location: back.headers.get('location'), callbackUrl };
}
