/**
 * The browser test kit: Debian's Chromium driven by playwright-core, real logins through the sandbox
 * IdP pages, axe-core accessibility checks and screenshots. One browser per test file (launchBrowser in
 * beforeAll, browser.close() in afterAll); one context per person (newPersonPage), so cookies never mix.
 * How to use it: /work/brief/s3/browser-kit.md and the README's "Browser tests".
 */
import axe from 'axe-core';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export type { Browser, Page } from 'playwright-core';

/** Debian's package (`apt-get install -y chromium`); playwright's own browser downloads cannot be fetched here. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Everything that makes Chromium reach out on its own is off: on a closed network it otherwise hangs
 * on lookups. playwright-core gives every launch a fresh temporary user-data-dir and removes it on close.
 */
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const SCREENSHOT_DIR = path.join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

/** A phone-sized viewport (iPhone X class), for the narrow-screen checks. */
export const PHONE = { width: 375, height: 812 } as const;
const DESKTOP = { width: 1280, height: 900 } as const;

/** Steps slower than this fail with playwright's own message, well inside jest's 60 s test timeout. */
const STEP_TIMEOUT_MS = 15_000;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/**
 * A fresh page in a context of its own (its own cookies): one per person in a test. `phone` gives the
 * 375×812 viewport with touch; `locale` the browser's Accept-Language (default fi-FI).
 */
export async function newPersonPage(browser: Browser, opts: { phone?: boolean; locale?: string } = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: opts.phone ? PHONE : DESKTOP,
    ...(opts.phone ? { isMobile: true, hasTouch: true } : {}),
    locale: opts.locale ?? 'fi-FI',
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return context.newPage();
}

/**
 * On a sandbox IdP's selection page (reached by any login link or button of the platform): picks the
 * test user, for Suomi.fi the authentication method, submits, and waits until the browser is back on
 * the platform (the IdP's auto-posting form and the ACS redirect in between). Fails with the platform's
 * answer if the login was refused.
 */
export async function signInAtIdp(page: Page, platformBaseUrl: string, user: string, method?: string): Promise<void> {
  const radio = page.locator(`input[type="radio"][name="user"][value="${cssString(user)}"]`);
  if ((await radio.count()) === 0) throw new Error(`the sandbox IdP page at ${page.url()} lists no test user ${user}`);
  await radio.check();
  if (method) await page.selectOption('select[name="method"]', method);
  const origin = new URL(platformBaseUrl).origin;
  await Promise.all([
    page.waitForURL((u) => u.origin === origin && !u.pathname.endsWith('/acs'), { waitUntil: 'load' }).catch(async (err: Error) => {
      throw new Error(`the login did not come back to the platform (${page.url()}): ${(await page.content()).slice(0, 400)}\n${err.message}`);
    }),
    page.locator('form button[type="submit"]').first().click(),
  ]);
}

/** Logs in an applicant through the sandbox Suomi.fi IdP pages; ends on `returnTo` (default `/`). */
export async function loginAsApplicant(
  page: Page,
  baseUrl: string,
  opts: { hetu: string; method?: 'bank' | 'mobile-id' | 'test-id' | 'authenticator'; returnTo?: string; lang?: 'fi' | 'sv' | 'en' },
): Promise<void> {
  await page.goto(loginUrl(baseUrl, 'suomifi', opts.returnTo, opts.lang));
  await signInAtIdp(page, baseUrl, opts.hetu, opts.method ?? 'mobile-id');
}

/** Logs in an official through the sandbox Virtu IdP pages; ends on `returnTo` (default `/official`). */
export async function loginAsOfficial(
  page: Page,
  baseUrl: string,
  opts: { localId: string; returnTo?: string; lang?: 'fi' | 'sv' | 'en' },
): Promise<void> {
  await page.goto(loginUrl(baseUrl, 'virtu', opts.returnTo ?? '/official', opts.lang));
  await signInAtIdp(page, baseUrl, opts.localId);
}

/**
 * On the sandbox e-Authorizations selection page (after the platform sent the browser there): chooses
 * `principal` (business id or identity code) and continues, or cancels when it is omitted; waits until
 * the browser is back on the platform.
 */
export async function chooseWhomToActFor(page: Page, platformBaseUrl: string, principal?: string): Promise<void> {
  if (principal) {
    const radio = page.locator(`input[type="radio"][name="principal"][value="${cssString(principal)}"]`);
    if ((await radio.count()) === 0) throw new Error(`the e-Authorizations selection page does not list ${principal}: ${(await page.content()).slice(0, 400)}`);
    await radio.check();
  }
  const origin = new URL(platformBaseUrl).origin;
  await Promise.all([
    page.waitForURL((u) => u.origin === origin && !u.pathname.includes('/callback')),
    page.locator(`button[name="action"][value="${principal ? 'select' : 'cancel'}"]`).click(),
  ]);
}

/** One axe-core finding, as the failure message lists it. */
interface Violation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on the page as it is now (WCAG 2.0/2.1 A and AA rules) and fails with a readable list
 * of the violations: rule, impact, what to fix, and the elements. Injected through the DevTools protocol,
 * so the page's Content-Security-Policy stays on as in production.
 */
export async function checkA11y(page: Page): Promise<void> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    // Runs in the page; the project compiles without the DOM library, hence the globalThis cast.
    const win = globalThis as unknown as { axe: typeof axe; document: never };
    const result = await win.axe.run(win.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  if (violations.length > 0) throw new Error(`${violations.length} accessibility violation(s) on ${page.url()}:\n${formatViolations(violations)}`);
}

export function formatViolations(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    - ${n.target.map(String).join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`).join('\n');
      return `  [${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
    })
    .join('\n');
}

/** A full-page PNG in test-artifacts/screenshots/<name>.png (git-ignored, kept by CI as an artifact). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^a-zA-Z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

function loginUrl(baseUrl: string, idp: 'suomifi' | 'virtu', returnTo = '/', lang: 'fi' | 'sv' | 'en' = 'fi'): string {
  return `${baseUrl.replace(/\/$/, '')}/auth/${idp}/login?${new URLSearchParams({ lang, returnTo })}`;
}

const cssString = (s: string) => s.replace(/["\\]/g, '\\$&');
