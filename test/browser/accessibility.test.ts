import { startTestStack, type TestStack } from '../support/stack';
import { makePageFixtures } from './fixtures';
import { checkA11y, launchBrowser, loginAsApplicant, loginAsOfficial, newPersonPage, screenshot, type Browser, type Page } from './kit';
import { PAGES, pageRoutes, type PageFixtures, type PageVisit } from './pages';

const VIEWPORTS = ['desktop', 'phone'] as const;

// Issue 6 item 5: WCAG 2.1 AA on every page (axe-core finds nothing), at desktop and phone width.
describe('every page is accessible (issue 6)', () => {
  let stack: TestStack;
  let browser: Browser;
  let fixtures: PageFixtures;
  /** One browser context per person and viewport, logged in once. */
  const pages = new Map<string, Page>();

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
    const [tessa, paavo, hanna] = await Promise.all(
      [stack.login('suomifi', '010280-952L'), stack.login('virtu', 'paavo.paattaja@lvv.fi'), stack.login('virtu', 'hanna.hallinnoija@lvv.fi')]);
    fixtures = await makePageFixtures(stack.baseUrl, tessa, paavo, hanna);
    for (const viewport of VIEWPORTS) {
      const phone = viewport === 'phone';
      const [anonymous, applicant, official] = await Promise.all([0, 1, 2].map(() => newPersonPage(browser, { phone })));
      await loginAsApplicant(applicant, stack.baseUrl, { hetu: '010280-952L' });
      await loginAsOfficial(official, stack.baseUrl, { localId: 'paavo.paattaja@lvv.fi' });
      pages.set(`anonymous-${viewport}`, anonymous).set(`applicant-${viewport}`, applicant).set(`official-${viewport}`, official);
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('lists every page the page routers serve', () => {
    const listed = new Set(PAGES.map((p) => p.route));
    expect(pageRoutes(stack.app).filter((route) => !listed.has(route))).toEqual([]);
  });

  const visits = PAGES.flatMap((visit) => VIEWPORTS.map((viewport) => [`${visit.name} (${viewport})`, visit, viewport] as const));
  it.each(visits)('%s has no axe violations and fits the screen', async (_label: string, visit: PageVisit, viewport: (typeof VIEWPORTS)[number]) => {
    const page = pages.get(`${visit.who}-${viewport}`)!;
    const response = await page.goto(`${stack.baseUrl}${visit.path(fixtures)}`);
    expect({ url: page.url(), status: response?.status() }).toEqual({ url: page.url(), status: visit.status ?? 200 });
    await screenshot(page, `a11y-${visit.name}-${viewport}`);
    await checkA11y(page);
    // Nothing wider than the screen: no sideways scrolling on a phone (WCAG 1.4.10 reflow).
    const overflow = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return doc.scrollWidth - doc.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
