import { formErrors, worded } from '../../api/pages/framework/forms';
import { createTranslations } from '../../api/pages/framework/i18n';
import { AppError } from '../../infra/errors';
import { ErrorCode } from '../../workflows/error-codes';
import { startTestStack, type TestStack } from '../support/stack';
import { getPage, heading, postForm } from './http';

// Issue 6 item 5: the page framework — languages, layout, assets, errors and CSRF on pages.
describe('page framework (issue 6)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.stop());

  it('renders the front page in Finnish by default, with the layout landmarks and a language switcher', async () => {
    const page = await getPage(stack.baseUrl, {}, '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.html).toContain('<html lang="fi">');
    expect(page.html).toContain('href="#main"');
    expect(page.html).toContain('<main id="main"');
    expect(page.html).toContain('href="/accessibility"');
    expect(page.html).toMatch(/href="\/\?lang=sv" lang="sv"/);
    expect(page.html).toContain('/auth/suomifi/login?lang=fi&amp;returnTo=%2F');
    // helmet's CSP stays on: no inline script is needed.
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.html).not.toContain('<script');
  });

  it('switches language with ?lang, keeps it in a cookie, and otherwise follows Accept-Language', async () => {
    const sv = await getPage(stack.baseUrl, {}, '/?lang=sv');
    expect(sv.html).toContain('<html lang="sv">');
    expect(sv.html).toContain('Tillstånd och tillsyn');
    const cookie = sv.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^lang=sv;/);
    const kept = await getPage(stack.baseUrl, {}, '/accessibility', { cookie: 'lang=sv', language: 'en' });
    expect(kept.html).toContain('<html lang="sv">');
    expect(heading(kept.html)).toBe('Tillgänglighetsutlåtande');
    const en = await getPage(stack.baseUrl, {}, '/accessibility', { language: 'en-GB,en;q=0.9' });
    expect(heading(en.html)).toBe('Accessibility statement');
    const unknown = await getPage(stack.baseUrl, {}, '/?lang=de', { language: 'de' });
    expect(unknown.html).toContain('<html lang="fi">');
  });

  it('words the validators\' field messages in the page\'s language, and shows none it has no words for in English', () => {
    const sv = createTranslations().forLanguage('sv');
    const err = new AppError(ErrorCode.VALIDATION_FAILED, 'Invalid.', { fields: [
      { path: 'form.a', message: 'must NOT have more than 64 characters.' },
      { path: 'form.b', message: 'must match format "uri".' },
      worded({ path: 'form.c', message: 'Ange diarienumret.' }),
    ] });
    expect(formErrors(sv, err, { strip: 'form.' }).fields).toEqual({ a: 'Texten är för lång (högst 64 tecken).', b: 'Kontrollera det här fältet.', c: 'Ange diarienumret.' });
  });

  it('serves the stylesheet from /assets', async () => {
    const res = await fetch(`${stack.baseUrl}/assets/site.css`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await res.text()).toContain(':focus-visible');
    expect((await fetch(`${stack.baseUrl}/assets/nothing.css`)).status).toBe(404);
  });

  it('answers a browser asking for an unknown page with a 404 page in its language, and API clients with JSON', async () => {
    const page = await getPage(stack.baseUrl, {}, '/no-such-page?lang=en');
    expect(page.status).toBe(404);
    expect(heading(page.html)).toBe('Page not found');
    expect(page.html).toMatch(/Error reference: [\w-]+/);
    const api = await fetch(`${stack.baseUrl}/api/v1/no-such-thing`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('logs out with the header form: refused without the session\'s token, then on to the IdP\'s single logout', async () => {
    const caller = await stack.login('suomifi', '010280-952L');
    const front = await getPage(stack.baseUrl, caller, '/');
    expect(front.html).toContain('Testilä');
    expect(front.html).toContain(`name="_csrf" value="${caller.csrfToken}"`);

    const forged = await postForm(stack.baseUrl, caller, '/auth/logout', {}, { csrf: 'not-the-token' });
    expect(forged.status).toBe(403);
    expect((await getPage(stack.baseUrl, caller, '/')).html).toContain('Testilä');

    const out = await postForm(stack.baseUrl, caller, '/auth/logout', {});
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toMatch(/SAMLRequest=/);
    // Browsers apply form-action to the redirect after the form: the IdP's logout must be allowed.
    expect(front.headers.get('content-security-policy')).toContain(`form-action 'self' ${new URL(out.headers.get('location')!).origin}`);
    const after = await getPage(stack.baseUrl, caller, '/');
    expect(after.html).not.toContain('Testilä');
  });
});
