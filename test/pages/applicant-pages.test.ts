import { call, type Caller } from '../api/http';
import { submittedCase } from '../support/cases';
import { startTestStack, type TestStack } from '../support/stack';
import { getPage, heading, postForm, type PageAnswer } from './http';

const location = (answer: PageAnswer) => answer.headers.get('location') ?? '';
const applicationIdOf = (answer: PageAnswer) => /\/applications\/([^/?]+)/.exec(location(answer))?.[1] ?? '';
/** The start key of the services page's start form of `serviceId`. */
const startKeyOf = (html: string, serviceId: string) => new RegExp(`action="/services/${serviceId}/start">[\\s\\S]*?name="startKey" value="([^"]+)"`).exec(html)?.[1] ?? '';
/** The value of the hidden field `name` on a page. */
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

// Issue 6 item 5: the applicant pages over real HTTP, with real SAML logins, against the test stack.
describe('applicant pages (issue 6)', () => {
  let stack: TestStack;
  let tessa: Caller;
  let joni: Caller;

  beforeAll(async () => {
    stack = await startTestStack();
    [tessa, joni] = await Promise.all([stack.login('suomifi', '010280-952L'), stack.login('suomifi', '010469-999W')]);
  });
  afterAll(async () => stack?.stop());

  const view = async (caller: Caller, id: string) => (await call(stack.baseUrl, caller, 'GET', `/api/v1/applications/${id}`)).body;

  /** Starts an application of `serviceId` from the services page, as its start button does. */
  async function startFromServicesPage(caller: Caller, serviceId: string): Promise<string> {
    const services = await getPage(stack.baseUrl, caller, '/services');
    const started = await postForm(stack.baseUrl, caller, `/services/${serviceId}/start`, { startKey: hidden(services.html, 'startKey') });
    expect(started.status).toBe(303);
    expect(location(started)).toMatch(/^\/applications\/[^/]+\/form$/);
    return applicationIdOf(started);
  }

  it('shows the services in the chosen language, and asks to log in before a page that needs it', async () => {
    const fi = await getPage(stack.baseUrl, {}, '/services');
    expect(fi.status).toBe(200);
    expect(fi.html).toContain('Ympäristölupa');
    const sv = await getPage(stack.baseUrl, {}, '/services?lang=sv');
    expect(sv.html).toContain('Miljötillstånd');
    expect(sv.html).not.toContain('Aloita hakemus');
    const projects = await getPage(stack.baseUrl, {}, '/projects');
    expect(projects.status).toBe(303);
    expect(location(projects)).toBe('/auth/suomifi/login?lang=fi&returnTo=%2Fprojects');
  });

  it('starts an application from the services page once per start key, and shows its form from the service schema', async () => {
    const services = await getPage(stack.baseUrl, tessa, '/services');
    const startKey = startKeyOf(services.html, 'vesitalouslupa');
    const first = await postForm(stack.baseUrl, tessa, '/services/vesitalouslupa/start', { startKey });
    const again = await postForm(stack.baseUrl, tessa, '/services/vesitalouslupa/start', { startKey });
    expect(applicationIdOf(again)).toBe(applicationIdOf(first));
    // Another service's start button on the same page (say, after going back to it) starts that service.
    const other = await postForm(stack.baseUrl, tessa, '/services/ymparistolupa/start', { startKey: startKeyOf(services.html, 'ymparistolupa') });
    expect(other.status).toBe(303);
    expect(applicationIdOf(other)).not.toBe(applicationIdOf(first));
    expect((await view(tessa, applicationIdOf(other))).serviceId).toBe('ymparistolupa');

    const form = await getPage(stack.baseUrl, tessa, `${location(first)}?lang=en`);
    expect(form.status).toBe(200);
    expect(heading(form.html)).toBe('Water resources permit application');
    expect(form.html).toContain('<label for="field-waterBody">Water body or groundwater area <span class="required">(required)</span></label>');
    expect(form.html).toContain('<legend>Site <span class="required">(required)</span></legend>');
    expect(form.html).toContain('name="site.postalCode"');
    expect(form.html).toMatch(/<select class="input" id="field-projectType" name="projectType"/);
  });

  it('refuses a draft the schema refuses: the form comes back with the field marked and a 400, and nothing is saved', async () => {
    const id = await startFromServicesPage(tessa, 'vesitalouslupa');
    const before = await view(tessa, id);
    const refused = await postForm(stack.baseUrl, tessa, `/applications/${id}/form?lang=en`, {
      version: String(before.draft.version), action: 'save', waterBody: 'Kallavesi', abstractionM3PerDay: 'lots',
    });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('<html lang="en">');
    expect(refused.html).toContain('class="error-summary"');
    expect(refused.html).toContain('href="#field-abstractionM3PerDay"');
    expect(refused.html).toMatch(/id="field-abstractionM3PerDay"[^>]*aria-describedby="field-abstractionM3PerDay-error" aria-invalid="true"/);
    expect(refused.html).toContain('value="lots"');
    expect(refused.html).toContain('value="Kallavesi"');
    const after = await view(tessa, id);
    expect(after.draft).toEqual(before.draft);
  });

  it('saves a draft, refuses an incomplete submission naming the missing fields, then submits and shows the receipt and timeline', async () => {
    const id = await startFromServicesPage(tessa, 'vesitalouslupa');
    const version = () => view(tessa, id).then((v) => String(v.draft.version));
    const saved = await postForm(stack.baseUrl, tessa, `/applications/${id}/form`, { version: await version(), action: 'save', waterBody: 'Kallavesi' });
    expect(saved.status).toBe(303);
    expect((await view(tessa, id)).draft.form).toEqual({ waterBody: 'Kallavesi' });

    const incomplete = await postForm(stack.baseUrl, tessa, `/applications/${id}/form?lang=en`, { version: await version(), action: 'submit', waterBody: 'Kallavesi' });
    expect(incomplete.status).toBe(400);
    expect(incomplete.html).toContain('href="#field-projectName"');
    expect(incomplete.html).toContain('Fill in this field.');
    expect((await view(tessa, id)).status).toBe('DRAFT');

    const complete = {
      projectName: 'Laiturin rakentaminen', projectType: 'construction_in_water', waterBody: 'Kallavesi', description: 'Laituri',
      'site.street': 'Rantatie 1', 'site.postalCode': '70100', 'site.municipality': 'Kuopio', 'contact.name': 'Tessa Testilä', 'contact.email': 'tessa@example.fi',
      abstractionM3PerDay: '1,5',
    };
    const submitted = await postForm(stack.baseUrl, tessa, `/applications/${id}/form`, { version: await version(), action: 'submit', ...complete });
    expect(submitted.status).toBe(303);
    expect(location(submitted)).toBe(`/applications/${id}?done=submitted`);
    const after = await view(tessa, id);
    expect(after.status).not.toBe('DRAFT');
    expect(after.draft.form.abstractionM3PerDay).toBe(1.5);
    expect(after.draft.form.site).toEqual({ street: 'Rantatie 1', postalCode: '70100', municipality: 'Kuopio' });

    const status = await getPage(stack.baseUrl, tessa, `/applications/${id}?done=submitted&lang=en`);
    expect(status.status).toBe(200);
    expect(status.html).toContain('The application was submitted.');
    expect(status.html).toContain(after.submission.contentSha256);
    expect(status.html).toContain('Water resources permit');
    expect(status.html).toContain('Permit and Supervision Agency');
    expect(status.html).toContain('Draft saved');
    const sv = await getPage(stack.baseUrl, tessa, `/applications/${id}?lang=sv`);
    expect(sv.html).toContain('Kvitto');
  });

  it('refuses to submit without a required attachment, pointing to the attachments page, and keeps it a draft', async () => {
    const id = await startFromServicesPage(tessa, 'ymparistolupa');
    const refused = await postForm(stack.baseUrl, tessa, `/applications/${id}/form?lang=en`, {
      version: String((await view(tessa, id)).draft.version), action: 'submit',
      operatorName: 'Testilän Saha Oy', activityType: 'industrial_plant', activityDescription: 'Saha',
      'site.street': 'Sahatie 1', 'site.postalCode': '33100', 'site.municipality': 'Tampere', 'contact.name': 'Tessa Testilä', 'contact.email': 'tessa@example.fi',
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('Some required attachments are missing.');
    expect(refused.html).toContain(`<a href="/applications/${id}/attachments">Attach a file of the type: Site plan</a>`);
    expect((await view(tessa, id)).status).toBe('DRAFT');
  });

  it('shows a case that is not yours as a 404 page, for reading and for writing, and changes nothing', async () => {
    const id = await startFromServicesPage(tessa, 'vesitalouslupa');
    const before = await view(tessa, id);
    for (const path of [`/applications/${id}`, `/applications/${id}/form`, `/applications/${id}/attachments`, `/applications/${id}/supplement`]) {
      const page = await getPage(stack.baseUrl, joni, `${path}?lang=en`);
      expect({ path, status: page.status }).toEqual({ path, status: 404 });
      expect(heading(page.html)).toBe('Page not found');
    }
    const write = await postForm(stack.baseUrl, joni, `/applications/${id}/form`, { version: String(before.draft.version), action: 'save', waterBody: 'Pielinen' });
    expect(write.status).toBe(404);
    const consent = await postForm(stack.baseUrl, joni, `/applications/${id}/consent`, { given: 'true' });
    expect(consent.status).toBe(404);
    const file = new FormData();
    file.append('_csrf', joni.csrfToken!);
    file.append('type', 'muu');
    file.append('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'vieras.pdf');
    const upload = await fetch(`${stack.baseUrl}/applications/${id}/attachments`, { method: 'POST', headers: { cookie: joni.cookie!, accept: 'text/html' }, body: file, redirect: 'manual' });
    expect(upload.status).toBe(404);
    expect((await view(tessa, id)).attachments).toHaveLength(0);
    expect(await view(tessa, id)).toMatchObject({ draft: before.draft, consent: { given: false } });
  });

  it('refuses a form without the session\'s CSRF token and changes nothing', async () => {
    const id = await startFromServicesPage(tessa, 'vesitalouslupa');
    const before = await view(tessa, id);
    const forged = await postForm(stack.baseUrl, tessa, `/applications/${id}/form`, { version: String(before.draft.version), action: 'save', waterBody: 'Pielinen' }, { csrf: null });
    expect(forged.status).toBe(403);
    expect((await view(tessa, id)).draft).toEqual(before.draft);
  });

  it('gives and withdraws consent to show the draft to the authority', async () => {
    const id = await startFromServicesPage(tessa, 'vesitalouslupa');
    expect((await postForm(stack.baseUrl, tessa, `/applications/${id}/consent`, { given: 'true' })).status).toBe(303);
    expect((await view(tessa, id)).consent.given).toBe(true);
    const page = await getPage(stack.baseUrl, tessa, `/applications/${id}?lang=en`);
    expect(page.html).toContain('Withdraw the consent');
    expect(page.html).toContain('Consent given to show the draft to the authority');
    expect((await postForm(stack.baseUrl, tessa, `/applications/${id}/consent`, { given: 'false' })).status).toBe(303);
    expect((await view(tessa, id)).consent.given).toBe(false);
  });

  it('answers a supplement request on its page, refusing an empty answer, and shows the decision with its appeal period', async () => {
    const paavo = await stack.login('virtu', 'paavo.paattaja@lvv.fi');
    const act = (id: string, path: string, body: unknown) => call(stack.baseUrl, paavo, 'POST', `/api/v1/official/cases/${id}/${path}`, { body });
    const id = await submittedCase(stack.baseUrl, tessa);
    expect((await act(id, 'acknowledge', { caseNumber: 'LVV/7/2026' })).status).toBe(200);
    expect((await act(id, 'supplement-requests', { message: 'Toimittakaa tarkempi asemapiirros.' })).status).toBeLessThan(300);

    const page = await getPage(stack.baseUrl, tessa, `/applications/${id}/supplement?lang=en`);
    expect(page.html).toContain('Toimittakaa tarkempi asemapiirros.');
    const requestId = hidden(page.html, 'requestId');
    const empty = await postForm(stack.baseUrl, tessa, `/applications/${id}/supplement?lang=en`, { requestId, message: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.html).toMatch(/id="field-message"[^>]*aria-invalid="true"/);
    expect((await view(tessa, id)).status).toBe('SUPPLEMENT_REQUESTED');
    expect(page.html).toContain('name="site.street"');
    const incompleteForm = await postForm(stack.baseUrl, tessa, `/applications/${id}/supplement?lang=en`, { requestId, message: 'Korjattu lomake', correctForm: 'true', operatorName: 'Uusi Oy' });
    expect(incompleteForm.status).toBe(400);
    expect(incompleteForm.html).toContain('href="#field-activityType"');
    expect(incompleteForm.html).toContain('value="Uusi Oy"');
    expect((await view(tessa, id)).status).toBe('SUPPLEMENT_REQUESTED');
    const answered = await postForm(stack.baseUrl, tessa, `/applications/${id}/supplement`, { requestId, message: 'Tarkempi piirros on liitteenä.' });
    expect(location(answered)).toBe(`/applications/${id}?done=answered`);
    expect((await view(tessa, id)).supplementRequests[0].answeredAt).toBeTruthy();

    expect((await act(id, 'decision', { outcome: 'APPROVED', text: 'Lupa myönnetään.' })).status).toBeLessThan(300);
    const decided = await getPage(stack.baseUrl, tessa, `/applications/${id}?lang=en`);
    expect(decided.html).toContain('<strong>Approved</strong>');
    expect(decided.html).toContain('Lupa myönnetään.');
    expect(decided.html).toContain('Appeal period ends');
    expect(decided.html).toContain('Decision made');
  });

  it('withdraws an application from its status page', async () => {
    const id = await startFromServicesPage(tessa, 'vesitalouslupa');
    const withdrawn = await postForm(stack.baseUrl, tessa, `/applications/${id}/withdraw`, { reason: 'Suunnitelma muuttui' });
    expect(location(withdrawn)).toBe(`/applications/${id}?done=withdrawn`);
    expect((await view(tessa, id)).status).toBe('CLOSED');
    const page = await getPage(stack.baseUrl, tessa, `/applications/${id}?done=withdrawn&lang=en`);
    expect(page.html).toContain('The application was withdrawn.');
    expect(page.html).not.toContain(`action="/applications/${id}/withdraw"`);
  });

  it('creates a project, refusing missing common data without saving, and starts an application in it with the data filled in', async () => {
    const name = `Tehdas ${Date.now()}`;
    const refused = await postForm(stack.baseUrl, tessa, '/projects/new?lang=en', { name, description: '', 'site.address': 'Tehdastie 1', 'site.municipality': 'Kuopio' });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('href="#field-description"');
    expect(refused.html).toContain(`value="${name}"`);
    expect((await getPage(stack.baseUrl, tessa, '/projects')).html).not.toContain(name);

    const created = await postForm(stack.baseUrl, tessa, '/projects/new', { name, description: 'Uusi tehdas', 'site.address': 'Tehdastie 1', 'site.municipality': 'Kuopio', 'site.propertyId': '' });
    expect(created.status).toBe(303);
    const projectPath = location(created);
    const projectPage = await getPage(stack.baseUrl, tessa, projectPath);
    expect(heading(projectPage.html)).toBe(name);
    const added = await postForm(stack.baseUrl, tessa, `${projectPath}/applications`, { serviceId: 'vesitalouslupa', startKey: hidden(projectPage.html, 'startKey') });
    expect(added.status).toBe(303);
    const id = applicationIdOf(added);
    expect((await view(tessa, id)).draft.form).toMatchObject({ projectName: name, description: 'Uusi tehdas', site: { street: 'Tehdastie 1', municipality: 'Kuopio' } });
    const withApplication = await getPage(stack.baseUrl, tessa, `${projectPath}?lang=en`);
    expect(withApplication.html).toContain(`href="/applications/${id}"`);
    expect(withApplication.html).toContain('Water resources permit');

    const edited = await postForm(stack.baseUrl, tessa, `${projectPath}/edit`, { name, description: 'Isompi tehdas', 'site.address': 'Tehdastie 2', 'site.municipality': 'Kuopio' });
    expect(edited.status).toBe(303);
    expect((await view(tessa, id)).draft.form).toMatchObject({ description: 'Isompi tehdas', site: { street: 'Tehdastie 2' } });
    expect((await getPage(stack.baseUrl, joni, projectPath)).status).toBe(404);
    // Someone else's project: writing to it is a 404 page too, and changes nothing.
    const startKey = hidden(withApplication.html, 'startKey');
    expect((await postForm(stack.baseUrl, joni, `${projectPath}/edit`, { name: 'Kaapattu', description: 'x', 'site.address': 'x', 'site.municipality': 'x' })).status).toBe(404);
    expect((await postForm(stack.baseUrl, joni, `${projectPath}/applications`, { serviceId: 'vesitalouslupa', startKey })).status).toBe(404);
    const unchanged = await getPage(stack.baseUrl, tessa, projectPath);
    expect(heading(unchanged.html)).toBe(name);
    expect(unchanged.html.match(/href="\/applications\/[^"]+"/g)).toHaveLength(1);
  });

  it('shows a project application\'s site address once, in the form\'s own field, filled from the project and updated with it', async () => {
    const created = await postForm(stack.baseUrl, tessa, '/projects/new', { name: `Halli ${Date.now()}`, description: 'Uusi halli', 'site.address': 'Hallitie 7', 'site.municipality': 'Oulu', 'site.propertyId': '' });
    const projectPath = location(created);
    const projectPage = await getPage(stack.baseUrl, tessa, projectPath);
    const added = await postForm(stack.baseUrl, tessa, `${projectPath}/applications`, { serviceId: 'ymparistolupa', startKey: hidden(projectPage.html, 'startKey') });
    expect(added.status).toBe(303);
    const id = applicationIdOf(added);
    const addressInputs = (html: string) => html.match(/<input[^>]*name="[^"]*"[^>]*value="Hallitie [0-9]+"/g) ?? [];

    const form = await getPage(stack.baseUrl, tessa, `/applications/${id}/form?lang=en`);
    expect(form.status).toBe(200);
    expect(addressInputs(form.html)).toEqual([expect.stringContaining('name="site.street"')]);
    expect(form.html.match(/>\s*Street address/g)).toHaveLength(1);
    expect(form.html).not.toMatch(/name="(siteAddress|siteMunicipality|projectDescription|propertyId)"/);
    expect(form.html).toMatch(/name="site\.municipality"[^>]*value="Oulu"/);

    expect((await postForm(stack.baseUrl, tessa, `${projectPath}/edit`, { name: 'Halli', description: 'Uusi halli', 'site.address': 'Hallitie 9', 'site.municipality': 'Oulu' })).status).toBe(303);
    expect((await view(tessa, id)).draft.form).toEqual({ projectName: 'Halli', activityDescription: 'Uusi halli', site: { street: 'Hallitie 9', municipality: 'Oulu' } });
    const updated = await getPage(stack.baseUrl, tessa, `/applications/${id}/form?lang=en`);
    expect(addressInputs(updated.html)).toEqual([expect.stringMatching(/name="site\.street".*value="Hallitie 9"/)]);
  });

  it('uploads an attachment with a plain multipart form, refuses a disallowed file with a 415 page, and removes a file', async () => {
    const id = await startFromServicesPage(tessa, 'ymparistolupa');
    const page = await getPage(stack.baseUrl, tessa, `/applications/${id}/attachments?lang=en`);
    expect(page.html).toContain('Site plan (required)');
    expect(page.html).toContain('enctype="multipart/form-data"');

    const upload = async (type: string, file: Blob, filename: string, csrf = tessa.csrfToken!) => {
      const form = new FormData();
      form.append('_csrf', csrf);
      form.append('type', type);
      form.append('file', file, filename);
      const res = await fetch(`${stack.baseUrl}/applications/${id}/attachments?lang=en`, { method: 'POST', headers: { cookie: tessa.cookie!, accept: 'text/html' }, body: form, redirect: 'manual' });
      return { status: res.status, html: await res.text(), headers: res.headers };
    };
    const pdf = new Blob(['%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'], { type: 'application/pdf' });
    const added = await upload('asemapiirros', pdf, 'asemapiirros.pdf');
    expect(added.status).toBe(303);
    const listed = await getPage(stack.baseUrl, tessa, `/applications/${id}/attachments?lang=en`);
    expect(listed.html).toContain('asemapiirros.pdf');
    const [attachment] = (await view(tessa, id)).attachments;
    expect(listed.html).toContain(attachment.sha256.slice(0, 12));

    // The language switcher of a page a form answered leads to the page, not to the form's address.
    const wrongType = await upload('no-such-type', pdf, 'x.pdf');
    expect(wrongType.status).toBe(400);
    expect(wrongType.html).toContain(`href="/applications/${id}/attachments?lang=fi"`);
    const oversized = await upload('muu', new Blob(['%PDF-1.4\n', new Uint8Array(11 * 1024 * 1024)], { type: 'application/pdf' }), 'big.pdf');
    expect(oversized.status).toBe(413);
    expect(oversized.html).toContain('The file is larger than this service accepts.');
    const refused = await upload('muu', new Blob(['#!/bin/sh\necho hi\n'], { type: 'application/x-sh' }), 'script.sh');
    expect(refused.status).toBe(415);
    expect(refused.html).toContain('This service does not accept files of this type.');
    const forged = await upload('muu', pdf, 'other.pdf', 'not-the-token');
    expect(forged.status).toBe(403);
    expect((await view(tessa, id)).attachments).toHaveLength(1);

    // A multipart form (whose body the CSRF check cannot read) to a page that takes no file is refused too.
    const forgedRemove = await fetch(`${stack.baseUrl}/applications/${id}/attachments/${attachment.id}/delete`, {
      method: 'POST', headers: { cookie: tessa.cookie!, accept: 'text/html' }, body: new FormData(), redirect: 'manual',
    });
    expect(forgedRemove.status).toBe(403);
    expect((await view(tessa, id)).attachments).toHaveLength(1);

    const removed = await postForm(stack.baseUrl, tessa, `/applications/${id}/attachments/${attachment.id}/delete`, {});
    expect(removed.status).toBe(303);
    expect((await view(tessa, id)).attachments).toHaveLength(0);
  });

  it('words every refused field in the page\'s language, not in the validators\' English', async () => {
    const errorsOf = (html: string) => [...html.matchAll(/<p class="error-message"[^>]*>([\s\S]*?)<\/p>/g)].map((m) => m[1].replace(/<[^>]+>/g, '').trim());
    const project = await postForm(stack.baseUrl, tessa, '/projects/new', { name: '', description: 'Tehdas', 'site.address': 'Tehdastie 1', 'site.municipality': '' });
    expect(project.status).toBe(400);
    expect(errorsOf(project.html)).toEqual(['Virhe: Täytä tämä kenttä.', 'Virhe: Täytä tämä kenttä.']);

    const contact = await postForm(stack.baseUrl, tessa, '/contact?lang=sv', { email: 'ingen adress' });
    expect(contact.status).toBe(400);
    expect(errorsOf(contact.html)).toEqual(['Fel: Ange en e-postadress, till exempel namn@exempel.fi.']);

    const id = await startFromServicesPage(tessa, 'vesitalouslupa');
    const withdraw = await postForm(stack.baseUrl, tessa, `/applications/${id}/withdraw?lang=fi`, { reason: 'x'.repeat(2001) });
    expect(withdraw.status).toBe(400);
    expect(errorsOf(withdraw.html)).toEqual(['Virhe: Teksti on liian pitkä (enintään 2000 merkkiä).']);

    const { draft } = await view(tessa, id);
    const submit = await postForm(stack.baseUrl, tessa, `/applications/${id}/form?lang=fi`, {
      version: String(draft.version), action: 'submit', projectName: 'Laituri', projectType: 'construction_in_water', waterBody: 'Kallavesi', description: 'Laituri',
      'site.street': 'Rantatie 1', 'site.postalCode': '701', 'site.municipality': 'Kuopio', 'contact.name': 'Tessa Testilä', 'contact.email': 'tessa@example.fi',
    });
    expect(submit.status).toBe(400);
    expect(errorsOf(submit.html)).toEqual(['Virhe: Arvo ei ole oikeassa muodossa.']);
    expect(submit.html).not.toMatch(/must |Too big|Too small|Invalid /);
    expect((await view(tessa, id)).status).toBe('DRAFT');
  });

  it('sends the applicant to Suomi.fi e-Authorizations to choose a company, which the page\'s CSP lets the form lead to', async () => {
    const page = await getPage(stack.baseUrl, tessa, '/acting-for?lang=en');
    expect(page.status).toBe(200);
    expect(page.html).toContain('You act for yourself.');
    const chosen = await postForm(stack.baseUrl, tessa, '/acting-for', { kind: 'organisation' });
    expect(chosen.status).toBe(303);
    const target = new URL(location(chosen));
    expect(target.pathname).toBe('/oauth/authorize');
    expect(page.headers.get('content-security-policy')).toContain(`form-action 'self'`);
    expect(page.headers.get('content-security-policy')).toContain(target.origin);
    const unanswered = await postForm(stack.baseUrl, tessa, '/acting-for?lang=en', {});
    expect(unanswered.status).toBe(400);
    expect(unanswered.html).toContain('href="#field-kind"');
    const self = await postForm(stack.baseUrl, tessa, '/acting-for', { kind: 'self' });
    expect(location(self)).toBe('/acting-for?done=1');
  });

  it('saves the contact address, and refuses a bad one with the field marked and the old one kept', async () => {
    expect((await postForm(stack.baseUrl, joni, '/contact', { email: 'joni@example.fi', language: 'sv' })).status).toBe(303);
    const refused = await postForm(stack.baseUrl, joni, '/contact?lang=en', { email: 'not an address', language: 'fi' });
    expect(refused.status).toBe(400);
    expect(refused.html).toMatch(/id="field-email"[^>]*aria-invalid="true"/);
    const page = await getPage(stack.baseUrl, joni, '/contact');
    expect(page.html).toContain('value="joni@example.fi"');
  });

  it('answers the permit-need survey with the services the answers call for', async () => {
    const surveyId = `sivukysely-${Date.now()}`;
    const hanna = await stack.login('virtu', 'hanna.hallinnoija@lvv.fi');
    const t = (fi: string, sv: string, en: string) => ({ fi, sv, en });
    const saved = await call(stack.baseUrl, hanna, 'PUT', `/api/v1/admin/surveys/${surveyId}`, { body: {
      title: t('Tarvitsenko luvan?', 'Behöver jag tillstånd?', 'Do I need a permit?'),
      questions: [{ id: 'vesisto', text: t('Rakennatko vesistöön?', 'Bygger du i ett vattendrag?', 'Will you build in a water body?'), options: [
        { id: 'kylla', text: t('Kyllä', 'Ja', 'Yes') }, { id: 'ei', text: t('Ei', 'Nej', 'No') }] }],
      rules: [{ when: [{ questionId: 'vesisto', optionIds: ['kylla'] }], serviceId: 'vesitalouslupa', level: 'required',
        reason: t('Vesistöön rakentaminen vaatii luvan.', 'Byggande i vattendrag kräver tillstånd.', 'Building in a water body needs a permit.') }],
    } });
    expect(saved.status).toBe(200);
    const page = await getPage(stack.baseUrl, {}, `/survey?id=${surveyId}&lang=en`);
    expect(heading(page.html)).toBe('Do I need a permit?');
    const answered = await postForm(stack.baseUrl, {}, '/survey?lang=en', { surveyId, 'answers.vesisto': 'kylla' });
    expect(answered.status).toBe(200);
    expect(answered.html).toContain('Building in a water body needs a permit.');
    expect(answered.html).toContain('href="/services#service-vesitalouslupa"');
    const wrong = await postForm(stack.baseUrl, {}, '/survey?lang=en', { surveyId, 'answers.vesisto': 'ehka' });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('href="#field-answers-vesisto"');
  });
});
