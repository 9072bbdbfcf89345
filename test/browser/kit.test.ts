import { startLoginStack, type LoginStack } from '../support/login';
import { checkA11y, launchBrowser, loginAsApplicant, loginAsOfficial, newPersonPage, screenshot, type Browser } from './kit';
import { existsSync } from 'node:fs';

/** The kit itself: real logins through the sandbox IdP pages in Chromium, and axe failing on a bad page. */
describe('browser test kit', () => {
  let stack: LoginStack;
  let browser: Browser;
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startLoginStack(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('logs an applicant in through the Suomi.fi sandbox pages and keeps the session cookie', async () => {
    const page = await newPersonPage(browser);
    await loginAsApplicant(page, stack.apiUrl, { hetu: '010280-952L', returnTo: '/api/v1/me' });
    expect(new URL(page.url()).pathname).toBe('/api/v1/me');
    const me = await (await page.request.get(`${stack.apiUrl}/api/v1/me`)).json();
    expect(me).toMatchObject({ kind: 'applicant', idp: 'suomifi', displayName: expect.stringContaining('Testilä') });
    await page.context().close();
  });

  it('logs an official in through the Virtu sandbox pages on a phone-sized screen', async () => {
    const page = await newPersonPage(browser, { phone: true });
    await loginAsOfficial(page, stack.apiUrl, { localId: 'paavo.paattaja@lvv.fi', returnTo: '/api/v1/me' });
    const me = await (await page.request.get(`${stack.apiUrl}/api/v1/me`)).json();
    expect(me).toMatchObject({ kind: 'official', authorityId: 'lvv', permissions: expect.arrayContaining(['case:decide']) });
    expect(page.viewportSize()).toEqual({ width: 375, height: 812 });
    await page.context().close();
  });

  it('passes an accessible page and names the rule and element of an inaccessible one', async () => {
    const page = await newPersonPage(browser);
    await page.setContent('<!doctype html><html lang="en"><head><title>ok</title></head><body><main><h1>Fine</h1><p>Text.</p></main></body></html>');
    await expect(checkA11y(page)).resolves.toBeUndefined();
    await page.setContent('<!doctype html><html lang="en"><head><title>bad</title></head><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="logo"><input id="q"></main></body></html>');
    const failure = await checkA11y(page).then(() => null, (err: Error) => err.message);
    expect(failure).toMatch(/image-alt/);
    expect(failure).toMatch(/#logo/);
    expect(failure).toMatch(/label/);
    expect(existsSync(await screenshot(page, 'kit-inaccessible-example'))).toBe(true);
    await page.context().close();
  });
});
