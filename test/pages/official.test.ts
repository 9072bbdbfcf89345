import { call, type Caller } from '../api/http';
import { completeDraft, SITE_PLAN_PDF, submittedCase as submittedCaseOf } from '../support/cases';
import { startTestStack, type TestStack } from '../support/stack';
import { getPage, heading, postForm } from './http';

// Issue 6 item 5: the official portal pages — queue, case, acknowledge, supplement request, decision.
describe('official portal pages (issue 6)', () => {
  let stack: TestStack;
  let tessa: Caller;          // applicant
  let kaisa: Caller;          // handler at lvv
  let paavo: Caller;          // handler and decider at lvv
  let tuomas: Caller;         // handler at tukes: another authority

  beforeAll(async () => {
    stack = await startTestStack();
    [tessa, kaisa, paavo, tuomas] = await Promise.all([
      stack.login('suomifi', '010280-952L'),
      stack.login('virtu', 'kaisa.kasittelija@lvv.fi'),
      stack.login('virtu', 'paavo.paattaja@lvv.fi'),
      stack.login('virtu', 'tuomas.tarkastaja@tukes.fi'),
    ]);
  });
  afterAll(async () => stack?.stop());

  const submittedCase = () => submittedCaseOf(stack.baseUrl, tessa);
  const statusOf = async (id: string) => (await call(stack.baseUrl, paavo, 'GET', `/api/v1/official/cases/${id}`)).body.status;
  const usageRows = (id: string, action: string) => stack.db('usage_log').where({ application_id: id, action });

  it('lists the authority\'s cases in the queue with service, applicant and status, filtered by status and in three languages', async () => {
    const id = await submittedCase();
    const queue = await getPage(stack.baseUrl, kaisa, '/official');
    expect(queue.status).toBe(200);
    expect(heading(queue.html)).toBe('Viranomaisesi asiat');
    expect(queue.html).toContain(`href="/official/cases/${id}"`);
    expect(queue.html).toContain('Ympäristölupa');
    expect(queue.html).toContain('Testilä');
    expect(queue.html).toContain('Toimitettu viranomaiselle');
    expect(await usageRows(id, 'case.list')).not.toHaveLength(0);

    expect((await getPage(stack.baseUrl, kaisa, '/official?status=DELIVERED')).html).toContain(id);
    expect((await getPage(stack.baseUrl, kaisa, '/official?status=DECIDED')).html).not.toContain(id);
    expect((await getPage(stack.baseUrl, kaisa, '/official?status=NONSENSE')).status).toBe(400);

    expect(heading((await getPage(stack.baseUrl, kaisa, '/official?lang=sv')).html)).toBe('Din myndighets ärenden');
    const en = await getPage(stack.baseUrl, kaisa, '/official?lang=en');
    expect(en.html).toContain('Environmental permit');
    expect(en.html).toContain('Delivered to the authority');

    // Another authority's official does not see it.
    expect((await getPage(stack.baseUrl, tuomas, '/official')).html).not.toContain(id);

    // A deadline that has passed is marked in words, not by colour alone.
    expect((await getPage(stack.baseUrl, kaisa, `/official?status=DELIVERED`)).html).not.toContain('myöhässä');
    await stack.db('applications').where({ id }).update({ deadline_at: new Date(Date.now() - 86_400_000) });
    expect((await getPage(stack.baseUrl, kaisa, `/official?status=DELIVERED`)).html).toMatch(/class="overdue">\(myöhässä\)/);
  });

  it('sends someone not logged in to the Virtu login and back, and refuses applicants', async () => {
    const anonymous = await getPage(stack.baseUrl, {}, '/official/cases/LV-2026-000001');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/auth/virtu/login?lang=fi&returnTo=${encodeURIComponent('/official/cases/LV-2026-000001')}`);
    const applicant = await getPage(stack.baseUrl, tessa, '/official');
    expect(applicant.status).toBe(403);
  });

  it('shows a case with its form, receipt hash and timeline, and a 404 page to another authority', async () => {
    const id = await submittedCase();
    const view = (await call(stack.baseUrl, paavo, 'GET', `/api/v1/official/cases/${id}`)).body;
    const page = await getPage(stack.baseUrl, paavo, `/official/cases/${id}?lang=en`);
    expect(page.status).toBe(200);
    expect(heading(page.html)).toBe(`Case ${id}`);
    expect(page.html).toContain('Operator');                 // the schema's English title of operatorName
    expect(page.html).toContain('Testilän Saha Oy');
    expect(page.html).toContain('Site › Street address');
    expect(page.html).toContain(view.submission.contentSha256);
    // The site plan, with a download link to the officials' attachment route.
    const [plan] = view.attachments;
    expect(page.html).toContain(`href="/api/v1/official/cases/${id}/attachments/${plan.id}"`);
    expect(page.html).toContain('Download asemapiirros.pdf');
    expect(page.html).toContain(plan.sha256);
    expect(page.html).toContain('Delivered to the authority');
    expect(page.html).toContain('Submitted');
    // DELIVERED: only acknowledging is possible now.
    expect(page.html).toContain(`action="/official/cases/${id}/acknowledge"`);
    expect(page.html).not.toContain(`action="/official/cases/${id}/decision"`);
    expect(await usageRows(id, 'case.read')).not.toHaveLength(0);

    const other = await getPage(stack.baseUrl, tuomas, `/official/cases/${id}`);
    expect(other.status).toBe(404);
    expect(other.html).not.toContain('Testilän Saha Oy');
  });

  it('acknowledges through the form, refusing an empty case number on the page without changing the case', async () => {
    const id = await submittedCase();
    const refused = await postForm(stack.baseUrl, kaisa, `/official/cases/${id}/acknowledge`, { caseNumber: '  ' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Anna diaarinumero');
    expect(refused.html).toMatch(/id="field-caseNumber"[^>]*aria-describedby="field-caseNumber-hint field-caseNumber-error"[^>]*aria-invalid="true"/);
    expect(refused.html).toContain('class="error-summary"');
    expect(await statusOf(id)).toBe('DELIVERED');
    expect(await usageRows(id, 'case.acknowledge')).toHaveLength(0);

    const done = await postForm(stack.baseUrl, kaisa, `/official/cases/${id}/acknowledge`, { caseNumber: 'LVV/77/2026' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/official/cases/${id}?done=acknowledge`);
    expect(await statusOf(id)).toBe('IN_HANDLING');
    expect(await usageRows(id, 'case.acknowledge')).toHaveLength(1);
    const after = await getPage(stack.baseUrl, kaisa, `/official/cases/${id}?done=acknowledge`);
    expect(after.html).toContain('Asia kirjattiin vastaanotetuksi.');
    expect((await getPage(stack.baseUrl, kaisa, `/official/cases/${id}?done=constructor`)).html).not.toContain('class="notice" role="status"');
    expect(after.html).toContain('LVV/77/2026');
    // A handler may ask for a supplement but not decide: the decision form is not shown to Kaisa.
    expect(after.html).toContain(`action="/official/cases/${id}/supplement-request"`);
    expect(after.html).not.toContain(`action="/official/cases/${id}/decision"`);
    expect((await getPage(stack.baseUrl, paavo, `/official/cases/${id}`)).html).toContain(`action="/official/cases/${id}/decision"`);
  });

  it('refuses a forged decision from a handler, a form without the CSRF token, and a second acknowledgement', async () => {
    const id = await submittedCase();
    expect((await postForm(stack.baseUrl, kaisa, `/official/cases/${id}/acknowledge`, { caseNumber: 'LVV/78/2026' })).status).toBe(303);

    const forged = await postForm(stack.baseUrl, kaisa, `/official/cases/${id}/decision`, { outcome: 'APPROVED', text: 'Myönnetään.' });
    expect(forged.status).toBe(403);
    const noToken = await postForm(stack.baseUrl, paavo, `/official/cases/${id}/decision`, { outcome: 'APPROVED', text: 'Myönnetään.' }, { csrf: null });
    expect(noToken.status).toBe(403);
    expect(await statusOf(id)).toBe('IN_HANDLING');
    expect(await usageRows(id, 'case.decide')).toHaveLength(0);

    const again = await postForm(stack.baseUrl, kaisa, `/official/cases/${id}/acknowledge?lang=en`, { caseNumber: 'LVV/79/2026' });
    expect(again.status).toBe(409);
    expect(again.html).toContain('That cannot be done at this stage of the application.');
  });

  it('decides through the form after refusing a decision without an outcome, and the applicant\'s case shows it', async () => {
    const id = await submittedCase();
    expect((await postForm(stack.baseUrl, paavo, `/official/cases/${id}/acknowledge`, { caseNumber: 'LVV/80/2026' })).status).toBe(303);

    const refused = await postForm(stack.baseUrl, paavo, `/official/cases/${id}/decision?lang=sv`, { text: 'Beviljas.' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Välj avgörande.');
    expect(refused.html).toContain('Beviljas.');             // the text written so far is kept
    expect(refused.html).toContain(`href="/official/cases/${id}?lang=fi"`);   // the language switcher leads to the case page
    expect(await statusOf(id)).toBe('IN_HANDLING');

    const decided = await postForm(stack.baseUrl, paavo, `/official/cases/${id}/decision`, { outcome: 'APPROVED', text: 'Lupa myönnetään ehdoin.' });
    expect(decided.status).toBe(303);
    const own = (await call(stack.baseUrl, tessa, 'GET', `/api/v1/applications/${id}`)).body;
    expect(own).toMatchObject({ status: 'DECIDED', decision: { outcome: 'APPROVED', text: 'Lupa myönnetään ehdoin.', decidedBy: { name: expect.stringContaining('Paavo') } } });
    const page = await getPage(stack.baseUrl, paavo, `/official/cases/${id}`);
    expect(page.html).toContain('Myönnetty');
    expect(page.html).toContain('Lupa myönnetään ehdoin.');
    expect(page.html).not.toContain(`action="/official/cases/${id}/decision"`);
  });

  it('shows a draft the applicant consented to as read only, and hides it again when the consent is withdrawn', async () => {
    const { id } = await completeDraft(stack.baseUrl, tessa);
    const consent = (given: boolean) => call(stack.baseUrl, tessa, 'PUT', `/api/v1/applications/${id}/consent`, { body: { given } });
    expect((await getPage(stack.baseUrl, kaisa, `/official/cases/${id}`)).status).toBe(404);
    expect((await consent(true)).status).toBe(200);

    const queue = await getPage(stack.baseUrl, kaisa, '/official?status=DRAFT');
    expect(queue.html).toContain(`href="/official/cases/${id}"`);
    expect(queue.html).toContain('Luonnos näytetään hakijan suostumuksella – vain luettavissa');
    const page = await getPage(stack.baseUrl, paavo, `/official/cases/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Tämä on luonnos, jonka hakija on antanut sinun nähdä.');
    expect(page.html).toContain('Testilän Saha Oy');
    expect(page.html).not.toMatch(/<form method="post" action="\/official\/cases/);
    // Acting on it anyway is refused, and the draft stays a draft.
    const forced = await postForm(stack.baseUrl, paavo, `/official/cases/${id}/acknowledge`, { caseNumber: 'LVV/82/2026' });
    expect(forced.status).toBe(409);
    expect(await statusOf(id)).toBe('DRAFT');

    expect((await consent(false)).status).toBe(200);
    expect((await getPage(stack.baseUrl, kaisa, `/official/cases/${id}`)).status).toBe(404);
    expect((await getPage(stack.baseUrl, kaisa, '/official?status=DRAFT')).html).not.toContain(id);
  });

  it('names the applicant\'s choices as the form offered them, and shows only the files the applicant has sent', async () => {
    const id = await submittedCase();
    const fi = await getPage(stack.baseUrl, paavo, `/official/cases/${id}`);
    expect(fi.html).toContain('<dd>Teollisuuslaitos</dd>');
    expect((await getPage(stack.baseUrl, paavo, `/official/cases/${id}?lang=sv`)).html).toContain('<dd>Industrianläggning</dd>');
    expect(fi.html).not.toContain('industrial_plant');
    // In the order the form asked them, not the stored schema's key order.
    const rowOrder = ['Toiminnanharjoittaja', 'Toiminnan laji', 'Toiminnan sijainti › Katuosoite', 'Toiminnan kuvaus', 'Yhteyshenkilö › Nimi'].map((label) => fi.html.indexOf(`<dt>${label}</dt>`));
    expect(rowOrder.every((at, i) => at > 0 && (i === 0 || at > rowOrder[i - 1]))).toBe(true);

    // A file gathered for an open supplement request is the applicant's until they answer.
    expect((await postForm(stack.baseUrl, kaisa, `/official/cases/${id}/acknowledge`, { caseNumber: 'LVV/83/2026' })).status).toBe(303);
    expect((await postForm(stack.baseUrl, kaisa, `/official/cases/${id}/supplement-request`, { message: 'Lisätkää tarkempi piirros.' })).status).toBe(303);
    const draftFile = await call(stack.baseUrl, tessa, 'POST', `/api/v1/applications/${id}/attachments?type=muu&filename=keskenerainen.pdf`, { rawBody: SITE_PLAN_PDF, contentType: 'application/pdf' });
    expect(draftFile.status).toBe(201);
    const asked = await getPage(stack.baseUrl, paavo, `/official/cases/${id}`);
    expect(asked.html).toContain('asemapiirros.pdf');
    expect(asked.html).not.toContain('keskenerainen.pdf');
    expect(asked.html).not.toContain(draftFile.body.id);

    const requestId = (await call(stack.baseUrl, tessa, 'GET', `/api/v1/applications/${id}`)).body.supplementRequests[0].requestId;
    const answered = await call(stack.baseUrl, tessa, 'POST', `/api/v1/applications/${id}/supplements`, { body: { requestId, message: 'Piirros liitteenä.' } });
    expect(answered.status).toBeLessThan(300);
    expect((await getPage(stack.baseUrl, paavo, `/official/cases/${id}`)).html).toContain('keskenerainen.pdf');
  });

  it('requests a supplement with a deadline date, refusing a date in the past', async () => {
    const id = await submittedCase();
    expect((await postForm(stack.baseUrl, kaisa, `/official/cases/${id}/acknowledge`, { caseNumber: 'LVV/81/2026' })).status).toBe(303);

    const past = await postForm(stack.baseUrl, kaisa, `/official/cases/${id}/supplement-request`, { message: 'Lisätkää asemapiirros.', deadline: '2020-01-01' });
    expect(past.status).toBe(400);
    expect(past.html).toContain('Anna tuleva päivämäärä.');
    expect(past.html).toMatch(/id="field-deadline"[^>]*aria-invalid="true"/);
    expect(await statusOf(id)).toBe('IN_HANDLING');
    expect((await postForm(stack.baseUrl, kaisa, `/official/cases/${id}/supplement-request`, { message: 'x', deadline: '31.12.2030' })).status).toBe(400);

    const asked = await postForm(stack.baseUrl, kaisa, `/official/cases/${id}/supplement-request`, { message: 'Lisätkää asemapiirros.', deadline: '2030-12-31' });
    expect(asked.status).toBe(303);
    const view = (await call(stack.baseUrl, kaisa, 'GET', `/api/v1/official/cases/${id}`)).body;
    expect(view).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', supplementRequests: [{ message: 'Lisätkää asemapiirros.', deadline: '2030-12-31T21:59:59.000Z' }] });
    expect((await getPage(stack.baseUrl, kaisa, `/official/cases/${id}`)).html).toContain('Lisätkää asemapiirros.');
  });
});
