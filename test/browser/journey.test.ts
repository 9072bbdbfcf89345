import { SITE_PLAN_PDF } from '../support/cases';
import { startTestStack, type TestStack } from '../support/stack';
import { makeSurvey } from './fixtures';
import { checkA11y, chooseWhomToActFor, launchBrowser, loginAsOfficial, newPersonPage, screenshot, signInAtIdp, type Browser, type Page } from './kit';

const ROVA_OY = '7019376-8';      // Tessa is its managing director (sandbox e-Authorizations)
const DECISION = ['Ympäristölupa myönnetään Rova Oy:lle hakemuksen mukaisesti.', 'Lupamääräykset: melutaso enintään 55 dB päivällä.'];

// Issue 6 item 7: the whole journey in real Chromium over the test stack, with a screenshot of every page.
describe('[#6] A project of two permits, from the Suomi.fi login to the decision, in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let surveyId: string;

  beforeAll(async () => {
    [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
    surveyId = await makeSurvey(stack.baseUrl, await stack.login('virtu', 'hanna.hallinnoija@lvv.fi'));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  let shots = 0;
  /** A page of the platform reached: kept as a screenshot and checked with axe in the state it is in. */
  const step = async (page: Page, name: string) => {
    await screenshot(page, `journey-${String(++shots).padStart(2, '0')}-${name}`);
    await checkA11y(page);
  };
  const text = (page: Page) => page.locator('main').innerText();
  const focusedClass = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { className: string } | null } }).document.activeElement?.className);

  it('an applicant acting for a company applies in a project, an official decides, and the applicant sees the decision', async () => {
    const base = stack.baseUrl;
    const tessa = await newPersonPage(browser, { locale: 'en-GB' });

    // The front page, and a login through the Suomi.fi sandbox pages: a bank login (the chemicals permit needs LoA high).
    await tessa.goto(`${base}/?lang=en`);
    await step(tessa, 'front');
    await tessa.locator('header a[href^="/auth/suomifi/login"]').click();
    await screenshot(tessa, `journey-${String(++shots).padStart(2, '0')}-suomifi-sandbox`);
    await signInAtIdp(tessa, base, '010280-952L', 'bank');
    expect(await tessa.locator('header').innerText()).toContain('Tessa');

    // Acting for Rova Oy, chosen in the e-Authorizations sandbox's own selection page.
    await tessa.goto(`${base}/acting-for`);
    await step(tessa, 'acting-for');
    await tessa.check('input[name="kind"][value="organisation"]');
    await Promise.all([
      tessa.waitForURL((u) => u.origin !== new URL(base).origin),
      tessa.locator('form[action="/acting-for"] button[type="submit"]').click(),
    ]);
    await screenshot(tessa, `journey-${String(++shots).padStart(2, '0')}-e-authorizations-sandbox`);
    await chooseWhomToActFor(tessa, base, ROVA_OY);
    await step(tessa, 'acting-for-chosen');
    expect(await tessa.locator('header').innerText()).toContain('Rova Oy');

    // The permit-need survey points to the environmental permit.
    await tessa.goto(`${base}/survey?id=${surveyId}`);
    await step(tessa, 'survey');
    await tessa.check('input[name="answers.toiminta"][value="teollisuus"]');
    await tessa.locator('form[action="/survey"] button[type="submit"]').click();
    await tessa.waitForLoadState();
    expect(await text(tessa)).toContain('Industry and animal shelters need an environmental permit.');
    await step(tessa, 'survey-result');

    // A project with its common data, entered once.
    await tessa.goto(`${base}/projects/new`);
    await step(tessa, 'project-new');
    await tessa.fill('#field-name', 'Rovan tehdas');
    await tessa.fill('#field-description', 'Uusi tuotantolaitos ja kemikaalivarasto.');
    await tessa.fill('#field-site-address', 'Tehdastie 5, 96100 Rovaniemi');
    await tessa.fill('#field-site-municipality', 'Rovaniemi');
    await tessa.locator('main form button[type="submit"]').click();
    await tessa.waitForURL(/\/projects\/[^/]+$/);
    const projectUrl = tessa.url();
    await step(tessa, 'project');
    expect(await text(tessa)).toContain('Rova Oy');

    // The environmental permit (lvv): the project's name flows into its form.
    const environmental = await addApplication(tessa, 'ymparistolupa');
    await step(tessa, 'environmental-form');
    expect(await tessa.inputValue('#field-projectName')).toBe('Rovan tehdas');
    await tessa.fill('#field-operatorName', 'Rova Oy');
    await tessa.selectOption('#field-activityType', 'industrial_plant');
    await tessa.fill('#field-site-street', 'Tehdastie 5');
    await tessa.fill('#field-site-postalCode', '96100');
    await tessa.fill('#field-site-municipality', 'Rovaniemi');
    await tessa.fill('#field-activityDescription', 'Sahatavaran jatkojalostus.');
    await tessa.fill('#field-contact-name', 'Tessa Testilä');
    await tessa.fill('#field-contact-email', 'tessa@rova.example');
    expect(await submitWith(tessa, 'save')).toBe(200);
    expect(tessa.url()).toContain('saved=1');

    // The site plan: an oversized file first, refused with a message on the page; then the real one.
    await tessa.goto(`${base}/applications/${environmental}/attachments`);
    await step(tessa, 'attachments');
    const tooLarge = await upload(tessa, 'asemapiirros', { name: 'asemapiirros-suuri.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)]) });
    expect(tooLarge).toBe(413);
    expect(await tessa.locator('.error-summary').innerText()).toMatch(/larger/i);
    await step(tessa, 'attachment-too-large');
    expect(await upload(tessa, 'asemapiirros', { name: 'asemapiirros.pdf', mimeType: 'application/pdf', buffer: Buffer.from(SITE_PLAN_PDF) })).toBe(200);
    expect(await text(tessa)).toContain('asemapiirros.pdf');
    expect(await text(tessa)).not.toContain('asemapiirros-suuri.pdf');
    await step(tessa, 'attachment-uploaded');

    // Submitting a form the schema refuses: the field is marked on the page and nothing is submitted.
    await tessa.goto(`${base}/applications/${environmental}/form`);
    await tessa.fill('#field-site-postalCode', '961');                // the schema wants five digits
    expect(await submitWith(tessa, 'submit')).toBe(400);
    expect(await tessa.getAttribute('#field-site-postalCode', 'aria-invalid')).toBe('true');
    expect(await tessa.locator('.error-summary').innerText()).not.toHaveLength(0);
    expect(await focusedClass(tessa)).toBe('error-summary');          // keyboard and screen reader users start from the problems
    await step(tessa, 'environmental-form-refused');
    await tessa.fill('#field-site-postalCode', '96100');
    expect(await submitWith(tessa, 'submit')).toBe(200);
    expect(await text(tessa)).toContain('Delivered to the authority');
    await step(tessa, 'environmental-submitted');

    // The chemicals permit (tukes), in the same project.
    await tessa.goto(projectUrl);
    const chemicals = await addApplication(tessa, 'kemikaalilupa');
    await tessa.fill('#field-companyName', 'Rova Oy');
    await tessa.fill('#field-plantName', 'Rovan tehdas');
    await tessa.fill('#field-site-street', 'Tehdastie 5');
    await tessa.fill('#field-site-postalCode', '96100');
    await tessa.fill('#field-site-municipality', 'Rovaniemi');
    await tessa.selectOption('#field-seveso', 'lower');
    await tessa.fill('#field-chemicals-0-name', 'Nestekaasu');
    await tessa.fill('#field-chemicals-0-maxQuantityTonnes', '40');
    await tessa.fill('#field-description', 'Nestekaasun varastointi.');
    await tessa.fill('#field-contact-name', 'Tessa Testilä');
    await tessa.fill('#field-contact-email', 'tessa@rova.example');
    await step(tessa, 'chemicals-form');
    expect(await submitWith(tessa, 'submit')).toBe(200);
    expect(await text(tessa)).toContain('Delivered to the authority');
    await step(tessa, 'chemicals-submitted');

    await tessa.goto(projectUrl);
    expect(await text(tessa)).toContain(environmental);
    expect(await text(tessa)).toContain(chemicals);
    await step(tessa, 'project-two-applications');

    // An official of lvv logs in through the Virtu sandbox, acknowledges and decides.
    const paavo = await newPersonPage(browser, { locale: 'fi-FI' });
    await loginAsOfficial(paavo, base, { localId: 'paavo.paattaja@lvv.fi' });
    await step(paavo, 'official-queue');
    expect(await text(paavo)).not.toContain(chemicals);           // another authority's case
    await paavo.locator(`a[href="/official/cases/${environmental}"]`).click();
    await paavo.waitForURL(`**/official/cases/${environmental}`);
    await step(paavo, 'official-case');
    expect(await text(paavo)).toContain('asemapiirros.pdf');
    expect(await text(paavo)).toContain(`Rova Oy (${ROVA_OY})`);           // whom Tessa applied for
    expect(await text(paavo)).toContain('Teollisuuslaitos');                 // the activity type as the form offered it
    await paavo.fill('#field-caseNumber', 'LVV/2026/55');
    await paavo.locator(`form[action$="/acknowledge"] button[type="submit"]`).click();
    await paavo.waitForURL(/done=acknowledge/);
    await step(paavo, 'official-acknowledged');
    await paavo.check('input[name="outcome"][value="APPROVED"]');
    await paavo.fill('#field-text', `${DECISION[0]}\n${DECISION[1]}`);
    await paavo.locator(`form[action$="/decision"] button[type="submit"]`).click();
    await paavo.waitForURL(/done=decision/);
    await step(paavo, 'official-decided');

    // The applicant sees the decision.
    await tessa.goto(`${base}/applications/${environmental}`);
    expect(await text(tessa)).toContain('Approved');
    expect(await tessa.locator('.decision-text').innerText()).toBe(`${DECISION[0]}\n${DECISION[1]}`);   // its paragraphs kept
    await step(tessa, 'applicant-decision');
  }, 120_000);

  /** On the project page: adds an application of `serviceId`; returns its number once its form is open. */
  async function addApplication(page: Page, serviceId: string): Promise<string> {
    await page.selectOption('#field-serviceId', serviceId);
    await page.locator('form[action$="/applications"] button[type="submit"]').click();
    await page.waitForURL(/\/applications\/[^/]+\/form$/);
    return /\/applications\/([^/]+)\/form$/.exec(page.url())![1];
  }

  /** Presses the form's save or submit button; the status of the page the browser lands on. */
  async function submitWith(page: Page, action: 'save' | 'submit'): Promise<number> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'GET' || r.request().method() === 'POST' && r.status() >= 400),
      page.locator(`button[name="action"][value="${action}"]`).click(),
    ]);
    await page.waitForLoadState();
    return response.status();
  }

  /** Uploads a file through the attachments page's form; the status of the page the browser lands on. */
  async function upload(page: Page, type: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<number> {
    await page.selectOption('#field-type', type);
    await page.setInputFiles('#field-file', file);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'GET' || r.request().method() === 'POST' && r.status() >= 400),
      page.locator('form[enctype="multipart/form-data"] button[type="submit"]').click(),
    ]);
    await page.waitForLoadState();
    return response.status();
  }
});
