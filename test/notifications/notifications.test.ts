/**
 * [#6] E-mail notifications over real HTTP, a real worker and the sandbox mail catcher: the authority
 * hears of a submission, the applicant of a supplement request, a near deadline and the decision, in
 * their language, once each; a relay outage delays a notification but never the case.
 */
import { call, eventually, expectError, type Caller } from '../api/http';
import { completeForm } from '../api/forms';
import { SITE_PLAN_PDF, submittedCase } from '../support/cases';
import { chooseInSandbox } from '../../sandbox/valtuudet/driver';
import { Worker } from '@temporalio/worker';
import { createDataConverter } from '../../infra/temporal/connection';
import { bundleWorkflows } from '../../workers/bundle';
import { completionSinks } from '../../workers/telemetry/metrics';
import { testCoreConfig } from '../support/env';
import { caughtMail } from '../support/mail';
import { startTestStack, type TestStack } from '../support/stack';
import { REFUSED_DOMAIN, type CaughtMessage } from '../../sandbox/mail';

describe('[#6] Notifications by e-mail', () => {
  let stack: TestStack;
  let tessa: Caller;  // applicant with a contact address (Swedish)
  let joni: Caller;   // applicant without one
  let kaisa: Caller;  // handler at lvv
  let paavo: Caller;  // decider at lvv
  let olli: Caller;   // operator

  beforeAll(async () => {
    stack = await startTestStack();
    [tessa, joni, kaisa, paavo, olli] = await Promise.all([
      stack.login('suomifi', '010280-952L'),
      stack.login('suomifi', '010469-999W'),
      stack.login('virtu', 'kaisa.kasittelija@lvv.fi'),
      stack.login('virtu', 'paavo.paattaja@lvv.fi'),
      stack.login('virtu', 'olli.operaattori@lvv.fi'),
    ]);
  }, 60_000);
  afterAll(async () => stack?.stop());

  const api = (caller: Caller, method: string, path: string, body?: unknown) => call(stack.baseUrl, caller, method, path, { body });
  const mailFor = async (applicationId: string) => (await caughtMail(stack.mail)).filter((m) => m.subject.includes(applicationId));
  const waitForMail = (applicationId: string, done: (mails: CaughtMessage[]) => boolean) => eventually(() => mailFor(applicationId), done, 20_000);

  /** A submitted application of `applicant` (with its required site plan), in the lvv queue. */
  const submitted = (applicant: Caller) => submittedCase(stack.baseUrl, applicant);

  async function inHandling(applicant: Caller): Promise<string> {
    const id = await submitted(applicant);
    expect((await api(kaisa, 'POST', `/api/v1/official/cases/${id}/acknowledge`, { caseNumber: `LVV/${id}` })).status).toBe(200);
    return id;
  }

  it('keeps the applicant\'s contact address encrypted, refuses a bad one with the field named, and is for applicants only', async () => {
    expect((await api(tessa, 'GET', '/api/v1/me/contact')).body).toEqual({ email: null, language: null });
    const bad = expectError(await api(tessa, 'PUT', '/api/v1/me/contact', { email: 'not an address', language: 'sv' }), 400, 'VALIDATION_FAILED');
    expect(bad.details.fields).toEqual([expect.objectContaining({ path: 'email' })]);
    expect((await api(tessa, 'GET', '/api/v1/me/contact')).body).toEqual({ email: null, language: null });
    expectError(await api(tessa, 'PUT', '/api/v1/me/contact', { email: 'tessa@example.fi', language: 'de' }), 400, 'VALIDATION_FAILED');

    const set = await api(tessa, 'PUT', '/api/v1/me/contact', { email: ' tessa.testila@example.fi ', language: 'sv' });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ email: 'tessa.testila@example.fi', language: 'sv' });
    expect((await api(tessa, 'GET', '/api/v1/me/contact')).body).toEqual({ email: 'tessa.testila@example.fi', language: 'sv' });
    const rows = await stack.db('applicant_contacts').select();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain('tessa.testila@example.fi');

    expectError(await api(kaisa, 'GET', '/api/v1/me/contact'), 403, 'FORBIDDEN');
    expectError(await api({}, 'GET', '/api/v1/me/contact'), 401, 'NOT_AUTHENTICATED');
  });

  it('tells the authority of a new submission, once, with a link to the case and nothing of the form', async () => {
    const id = await submitted(joni);
    const mails = await waitForMail(id, (m) => m.length > 0);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: ['kirjaamo@lvv.fi'], subject: `Uusi hakemus ${id}` });
    expect(mails[0].text).toContain(`${stack.baseUrl}/official/cases/${id}`);
    expect(mails[0].text).not.toContain(completeForm.operatorName);
    // Nothing more comes later (a retried activity or a replay does not send again).
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await mailFor(id)).toHaveLength(1);
  });

  it('tells the applicant of a supplement request and of its near deadline in their language, then of the decision', async () => {
    const id = await inHandling(tessa);
    const official = `/api/v1/official/cases/${id}`;
    // A short deadline: "near" comes halfway to it.
    const deadline = new Date(Date.now() + 8_000).toISOString();
    expect((await api(kaisa, 'POST', `${official}/supplement-requests`, { message: 'Lisätkää päästöselvitys.', deadline })).status).toBe(201);

    const toTessa = (m: CaughtMessage[]) => m.filter((x) => x.to.includes('tessa.testila@example.fi'));
    const asked = await waitForMail(id, (m) => toTessa(m).length >= 2);
    const [request, near] = toTessa(asked);
    expect(request.subject).toBe(`Komplettering av er ansökan ${id} begärs`);
    expect(request.text).toContain(`${stack.baseUrl}/applications/${id}`);
    expect(request.text).not.toContain('päästöselvitys');
    expect(near.subject).toBe(`Tidsfristen närmar sig: ${id}`);
    expect(near.text).toContain(`${stack.baseUrl}/applications/${id}`);

    // The deadline passes unanswered; the case goes back to handling and is decided.
    await eventually(() => api(kaisa, 'GET', official), (a) => a.body.status === 'IN_HANDLING', 20_000);
    expect((await api(paavo, 'POST', `${official}/decision`, { outcome: 'APPROVED', text: 'Lupa myönnetään.' })).status).toBe(201);
    const decided = toTessa(await waitForMail(id, (m) => toTessa(m).length >= 3));
    expect(decided).toHaveLength(3);
    expect(decided[2].subject).toBe(`Beslut om er ansökan ${id}`);
    expect(decided[2].text).not.toContain('Lupa myönnetään');

    const log = await api(olli, 'GET', `/api/v1/operator/cases/${id}/notifications`);
    expect(log.status).toBe(200);
    expect(log.body.notifications.map((n: { template: string; status: string; language: string }) => [n.template, n.status, n.language])).toEqual([
      ['submission', 'sent', 'fi'], ['supplement_request', 'sent', 'sv'], ['deadline_near', 'sent', 'sv'], ['decision', 'sent', 'sv'],
    ]);
    expect(JSON.stringify(log.body)).not.toContain('@');

    // The case's history, with its notifications and the reminder's timer, replays against today's code.
    const history = await stack.client.workflow.getHandle(id).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: await bundleWorkflows(), dataConverter: createDataConverter(testCoreConfig()), sinks: completionSinks }, history, id);
  }, 60_000);

  it('writes to the representative who acts for an organisation, at their own address', async () => {
    const rova = '7019376-8'; // Tessa may act for Rova Oy (TJ) in the sandbox e-Authorizations
    expect((await api(tessa, 'PUT', '/api/v1/me/contact', { email: 'tessa.testila@example.fi', language: 'sv' })).status).toBe(200);
    const begun = await api(tessa, 'POST', '/api/v1/acting-for', { kind: 'organisation', returnTo: '/' });
    await chooseInSandbox({ redirectUrl: begun.body.redirectUrl, principal: rova, cookie: tessa.cookie! });
    const started = await api(tessa, 'POST', '/api/v1/applications', { serviceId: 'ymparistolupa', language: 'fi', principal: { kind: 'organisation', businessId: rova } });
    expect(started.body).toMatchObject({ status: 'DRAFT', principal: { businessId: rova } });
    const id = started.body.applicationId as string;
    const saved = await api(tessa, 'PUT', `/api/v1/applications/${id}/draft`, { form: completeForm, expectedVersion: started.body.draft.version });
    expect((await call(stack.baseUrl, tessa, 'POST', `/api/v1/applications/${id}/attachments?type=asemapiirros&filename=plan.pdf`, { rawBody: SITE_PLAN_PDF, contentType: 'application/pdf' })).status).toBe(201);
    expect((await api(tessa, 'POST', `/api/v1/applications/${id}/submit`, { draftVersion: saved.body.draft.version })).status).toBe(200);
    expect((await api(kaisa, 'POST', `/api/v1/official/cases/${id}/acknowledge`, { caseNumber: `LVV/${id}` })).status).toBe(200);
    expect((await api(paavo, 'POST', `/api/v1/official/cases/${id}/decision`, { outcome: 'APPROVED', text: 'Myönnetään.' })).status).toBe(201);
    const decided = await waitForMail(id, (m) => m.some((x) => x.subject.startsWith('Beslut')));
    expect(decided.find((m) => m.subject.startsWith('Beslut'))).toMatchObject({ to: ['tessa.testila@example.fi'], subject: `Beslut om er ansökan ${id}` });
  });

  it('logs a notification to an applicant without an address as skipped, and the case goes on', async () => {
    // Other tests of the run may have given Joni an address (the database is shared): he has none here.
    await stack.db('applicant_contacts').where({ subject_ref: stack.notifications.pii.hash('010469-999W') }).delete();
    const id = await inHandling(joni);
    expect((await api(paavo, 'POST', `/api/v1/official/cases/${id}/decision`, { outcome: 'REJECTED', text: 'Hylätään.' })).status).toBe(201);
    const log = await eventually(
      () => api(olli, 'GET', `/api/v1/operator/cases/${id}/notifications`),
      (a) => a.body.notifications?.some((n: { template: string; status: string }) => n.template === 'decision' && n.status !== 'pending'),
    );
    expect(log.body.notifications.find((n: { template: string }) => n.template === 'decision')).toMatchObject({ status: 'skipped', recipientHash: null, errorCode: 'NO_ADDRESS' });
    // Only the authority's e-mail of the submission: nothing went to anyone for the applicant.
    expect((await waitForMail(id, (m) => m.length > 0)).map((m) => m.to)).toEqual([['kirjaamo@lvv.fi']]);
  });

  it('gives up at once on an address the relay refuses for good, and the case goes on', async () => {
    const anna = await stack.login('suomifi', '010675-9981');
    expect((await api(anna, 'PUT', '/api/v1/me/contact', { email: `anna-liisa@${REFUSED_DOMAIN}` })).status).toBe(200);
    const id = await inHandling(anna);
    const request = await api(kaisa, 'POST', `/api/v1/official/cases/${id}/supplement-requests`, { message: 'Lisätkää karttaliite.' });
    expect(request.status).toBe(201);
    const log = await eventually(
      () => api(olli, 'GET', `/api/v1/operator/cases/${id}/notifications`),
      (a) => a.body.notifications?.some((n: { template: string; status: string }) => n.template === 'supplement_request' && n.status === 'failed'),
    );
    // Not retried: one attempt, the relay's answer as the error code (the case's language, as none was chosen).
    expect(log.body.notifications.find((n: { template: string }) => n.template === 'supplement_request'))
      .toMatchObject({ status: 'failed', attempts: 1, errorCode: 'SMTP_550', language: 'fi', recipientHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await api(anna, 'GET', `/api/v1/applications/${id}`)).body.status).toBe('SUPPLEMENT_REQUESTED');
  });

  it('lets only operators read the notification log, and records who did', async () => {
    const id = await submitted(joni);
    expectError(await api(kaisa, 'GET', `/api/v1/operator/cases/${id}/notifications`), 403, 'FORBIDDEN');
    expectError(await api(olli, 'GET', '/api/v1/operator/cases/LV-2000-999999/notifications'), 404, 'NOT_FOUND');
    expect((await api(olli, 'GET', `/api/v1/operator/cases/${id}/notifications`)).status).toBe(200);
    const logged = await stack.db('usage_log').where({ action: 'operator.notifications', application_id: id });
    expect(logged).toEqual([expect.objectContaining({ display_name: expect.stringContaining('Olli') })]);
  });

  it('answers a submit while the mail relay is down, and sends the notification once when it is back', async () => {
    stack.mail.setUnavailable(true);
    let id: string;
    try {
      const started = Date.now();
      id = await submitted(joni);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((await api(joni, 'GET', `/api/v1/applications/${id}`)).body.status).toBe('DELIVERED');
      const failing = await eventually(
        () => api(olli, 'GET', `/api/v1/operator/cases/${id}/notifications`),
        (a) => a.body.notifications?.[0]?.status === 'failed',
      );
      expect(failing.body.notifications[0]).toMatchObject({ template: 'submission', status: 'failed', errorCode: 'SMTP_421' });
      expect(await mailFor(id)).toHaveLength(0);
    } finally {
      stack.mail.setUnavailable(false);
    }
    // The activity's retry (2 s, then doubling) gets through.
    const mails = await waitForMail(id, (m) => m.length > 0);
    expect(mails).toHaveLength(1);
    const sent = await eventually(() => api(olli, 'GET', `/api/v1/operator/cases/${id}/notifications`), (a) => a.body.notifications[0].status === 'sent');
    expect(sent.body.notifications[0]).toMatchObject({ status: 'sent', errorCode: null, attempts: expect.any(Number) });
    expect(sent.body.notifications[0].attempts).toBeGreaterThan(1);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await mailFor(id)).toHaveLength(1);
  }, 60_000);
});
