import { call, eventually, expectError, type Caller } from './http';
import { completeForm, partialForm, SERVICE_ID } from './forms';
import { startTestStack, type TestStack } from '../support/stack';
import { attachSitePlan } from '../support/attachments';

describe('[#2] An application from start to decision, through the API', () => {
  let stack: TestStack;
  let tessa: Caller;          // applicant
  let joni: Caller;           // another applicant
  let kaisa: Caller;          // handler at lvv
  let paavo: Caller;          // decider at lvv
  let tuomas: Caller;         // handler at tukes: another authority
  let olli: Caller;           // operator
  let applicationId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    [tessa, joni, kaisa, paavo, tuomas, olli] = await Promise.all([
      stack.login('suomifi', '010280-952L'),
      stack.login('suomifi', '010469-999W'),
      stack.login('virtu', 'kaisa.kasittelija@lvv.fi'),
      stack.login('virtu', 'paavo.paattaja@lvv.fi'),
      stack.login('virtu', 'tuomas.tarkastaja@tukes.fi'),
      stack.login('virtu', 'olli.operaattori@lvv.fi'),
    ]);
  });
  afterAll(async () => stack?.stop());

  const api = (caller: Caller, method: string, path: string, body?: unknown) => call(stack.baseUrl, caller, method, path, { body });

  it('lets the applicant start, save, submit, answer a supplement request and receive the decision', async () => {
    const started = await api(tessa, 'POST', '/api/v1/applications', { serviceId: SERVICE_ID, language: 'fi' });
    expect(started.status).toBe(201);
    expect(started.body.applicationId).toMatch(new RegExp(`^LV-${new Date().getUTCFullYear()}-\\d{6}$`));
    expect(started.body).toMatchObject({ status: 'DRAFT', serviceId: SERVICE_ID, authorityId: 'lvv', applicant: { name: expect.stringContaining('Tessa') } });
    applicationId = started.body.applicationId;
    const own = `/api/v1/applications/${applicationId}`;

    const partial = await api(tessa, 'PUT', `${own}/draft`, { form: partialForm, expectedVersion: started.body.draft.version });
    expect(partial.status).toBe(200);
    const saved = await api(tessa, 'PUT', `${own}/draft`, { form: completeForm, expectedVersion: partial.body.draft.version });
    expect(saved.status).toBe(200);
    expect(saved.body.draft).toMatchObject({ form: completeForm, version: partial.body.draft.version + 1 });
    // Every change is readable as soon as it has returned (read-your-writes), here and after each step below.
    expect((await api(tessa, 'GET', own)).body).toMatchObject({ status: 'DRAFT', draft: saved.body.draft });

    // Until it is submitted, the draft is the applicant's alone.
    expectError(await api(kaisa, 'GET', `/api/v1/official/cases/${applicationId}`), 404, 'NOT_FOUND');

    await attachSitePlan(stack.baseUrl, tessa, applicationId);
    const receipt = await api(tessa, 'POST', `${own}/submit`, { draftVersion: saved.body.draft.version });
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatchObject({ applicationId, contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await api(tessa, 'GET', own)).body).toMatchObject({ status: 'DELIVERED', submission: receipt.body, handlingClock: { running: true } });

    const mine = await api(tessa, 'GET', '/api/v1/applications');
    expect(mine.body.map((a: { applicationId: string }) => a.applicationId)).toContain(applicationId);

    const official = `/api/v1/official/cases/${applicationId}`;
    const queue = await api(kaisa, 'GET', '/api/v1/official/cases');
    expect(queue.body.map((a: { applicationId: string }) => a.applicationId)).toContain(applicationId);

    const acknowledged = await api(kaisa, 'POST', `${official}/acknowledge`, { caseNumber: 'LVV/1234/2026' });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ status: 'IN_HANDLING', caseNumber: 'LVV/1234/2026' });
    expect((await api(kaisa, 'GET', official)).body).toMatchObject({ status: 'IN_HANDLING', caseNumber: 'LVV/1234/2026' });
    expect((await api(kaisa, 'GET', `${official}/timeline`)).body.at(-1)).toMatchObject({ type: 'ACKNOWLEDGED', data: { caseNumber: 'LVV/1234/2026' } });

    const request = await api(kaisa, 'POST', `${official}/supplement-requests`, { message: 'Lisätkää päästöselvitys.' });
    expect(request.status).toBe(201);
    const asked = await api(tessa, 'GET', own);
    expect(asked.body).toMatchObject({
      status: 'SUPPLEMENT_REQUESTED', handlingClock: { running: false }, supplementRequests: [{ requestId: request.body.requestId }],
    });

    const answered = await api(tessa, 'POST', `${own}/supplements`, {
      requestId: request.body.requestId, message: 'Päästöselvitys lisätty lomakkeelle.', form: { ...completeForm, emissions: 'Pöly alle 5 mg/m³.' },
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'IN_HANDLING', handlingClock: { running: true } });
    expect((await api(kaisa, 'GET', official)).body).toMatchObject({
      status: 'IN_HANDLING', draft: { form: { emissions: 'Pöly alle 5 mg/m³.' } },
      supplementRequests: [{ requestId: request.body.requestId, answer: { message: 'Päästöselvitys lisätty lomakkeelle.' } }],
    });

    const decision = await api(paavo, 'POST', `${official}/decision`, { outcome: 'APPROVED', text: 'Lupa myönnetään ehdoin.' });
    expect(decision.status).toBe(201);
    expect(decision.body).toMatchObject({ outcome: 'APPROVED', decidedBy: { kind: 'official', authorityId: 'lvv' } });

    const seen = await api(tessa, 'GET', own);
    expect(seen.body).toMatchObject({ status: 'DECIDED', decision: { outcome: 'APPROVED', text: 'Lupa myönnetään ehdoin.' }, submission: receipt.body });
    const timeline = await api(tessa, 'GET', `${own}/timeline`);
    const types = timeline.body.map((e: { type: string }) => e.type);
    for (const step of ['STARTED', 'DRAFT_SAVED', 'SUBMITTED', 'ACKNOWLEDGED', 'SUPPLEMENT_REQUESTED', 'SUPPLEMENTED', 'DECIDED']) {
      expect(types).toContain(step);
    }
    expect(types.indexOf('SUBMITTED')).toBeLessThan(types.indexOf('DECIDED'));
  });

  it('answers 404 to officials of another authority, and leaves the case out of their list', async () => {
    const read = await api(tuomas, 'GET', `/api/v1/official/cases/${applicationId}`);
    expectError(read, 404, 'NOT_FOUND');
    const change = await api(tuomas, 'POST', `/api/v1/official/cases/${applicationId}/acknowledge`, { caseNumber: 'TUKES/1/2026' });
    expectError(change, 404, 'NOT_FOUND');
    const list = await api(tuomas, 'GET', '/api/v1/official/cases');
    expect(list.status).toBe(200);
    expect(list.body.map((a: { applicationId: string }) => a.applicationId)).not.toContain(applicationId);
  });

  it('answers another applicant as if the case did not exist', async () => {
    expectError(await api(joni, 'GET', `/api/v1/applications/${applicationId}`), 404, 'NOT_FOUND');
    expectError(await api(joni, 'GET', `/api/v1/applications/${applicationId}/timeline`), 404, 'NOT_FOUND');
    expectError(await api(joni, 'POST', `/api/v1/applications/${applicationId}/withdraw`, {}), 404, 'NOT_FOUND');
    const list = await api(joni, 'GET', '/api/v1/applications');
    expect(list.body.map((a: { applicationId: string }) => a.applicationId)).not.toContain(applicationId);
    const stillDecided = await api(tessa, 'GET', `/api/v1/applications/${applicationId}`);
    expect(stillDecided.body.status).toBe('DECIDED');
  });

  it('keeps operators and applicants out of the officials\' routes, and officials out of the operator\'s', async () => {
    expectError(await api(tessa, 'GET', '/api/v1/official/cases'), 403, 'FORBIDDEN');
    expectError(await api(kaisa, 'GET', '/api/v1/operator/cases'), 403, 'FORBIDDEN');
    expectError(await api(kaisa, 'POST', '/api/v1/applications', { serviceId: SERVICE_ID }), 403, 'FORBIDDEN');
  });

  it('lets an operator find the case by its search attributes and read its decrypted history', async () => {
    const found = await eventually(
      () => api(olli, 'GET', `/api/v1/operator/cases?service=${SERVICE_ID}&authority=lvv&status=DECIDED`),
      (a) => a.status !== 200 || a.body.some((c: { workflowId: string }) => c.workflowId === applicationId),
    );
    expect(found.status).toBe(200);
    expect(found.body.find((c: { workflowId: string }) => c.workflowId === applicationId))
      .toMatchObject({ service: SERVICE_ID, authority: 'lvv', status: 'DECIDED', executionStatus: 'RUNNING' });
    const otherStatus = await api(olli, 'GET', '/api/v1/operator/cases?status=CLOSED');
    expect(otherStatus.body.map((c: { workflowId: string }) => c.workflowId)).not.toContain(applicationId);

    const detail = await api(olli, 'GET', `/api/v1/operator/cases/${applicationId}`);
    expect(detail.body).toMatchObject({ view: { status: 'DECIDED' }, execution: { workflowId: applicationId, historyLength: expect.any(Number) } });

    const history = await api(olli, 'GET', `/api/v1/operator/cases/${applicationId}/history`);
    expect(history.status).toBe(200);
    const first = history.body.events[0];
    expect(first.eventType).toMatch(/WORKFLOW_EXECUTION_STARTED/);
    // The start input is shown decrypted: the operator reads the application number and service in it.
    expect(first.workflowExecutionStartedEventAttributes.input.payloads[0]).toMatchObject({ applicationId, serviceId: SERVICE_ID });
  });

  it('writes every official and operator read or change of the case to the usage log, with who, what and why', async () => {
    const rows = await stack.db('usage_log').where({ application_id: applicationId }).orderBy('id');
    const byAction = (action: string) => rows.filter((r) => r.action === action);
    expect(byAction('case.acknowledge')[0]).toMatchObject({ display_name: expect.stringContaining('Kaisa'), authority_id: 'lvv', purpose: 'case handling' });
    expect(byAction('case.request_supplement')).toHaveLength(1);
    expect(byAction('case.decide')[0]).toMatchObject({ display_name: expect.stringContaining('Paavo'), authority_id: 'lvv' });
    expect(byAction('case.list').length).toBeGreaterThan(0);
    expect(byAction('operator.history')[0]).toMatchObject({ display_name: expect.stringContaining('Olli'), purpose: 'operations' });
    for (const row of rows) expect(row).toMatchObject({ subject_ref: expect.any(String), request_id: expect.any(String), at: expect.any(Date) });

    const purposeful = await call(stack.baseUrl, kaisa, 'GET', `/api/v1/official/cases/${applicationId}`, { headers: { 'x-purpose': 'Muutoksenhakuun vastaaminen' } });
    expect(purposeful.status).toBe(200);
    const row = await stack.db('usage_log').where({ request_id: purposeful.headers.get('x-request-id') }).first();
    expect(row).toMatchObject({ action: 'case.read', application_id: applicationId, purpose: 'Muutoksenhakuun vastaaminen' });
  });

  it('shows an official nothing when the usage log cannot be written', async () => {
    await stack.db.schema.renameTable('usage_log', 'usage_log_away');
    try {
      const answer = await api(kaisa, 'GET', `/api/v1/official/cases/${applicationId}`);
      expectError(answer, 500, 'INTERNAL');
      expect(JSON.stringify(answer.body)).not.toContain('Tessa');
    } finally {
      await stack.db.schema.renameTable('usage_log_away', 'usage_log');
    }
  });

  it('refuses a later, weaker login of the same applicant with 403 LOA_TOO_LOW, and the case stays as it was', async () => {
    const started = await api(tessa, 'POST', '/api/v1/applications', { serviceId: SERVICE_ID });
    const own = `/api/v1/applications/${started.body.applicationId}`;
    const saved = await api(tessa, 'PUT', `${own}/draft`, { form: completeForm });
    // The same person, now with the Finnish Authenticator: LoA low; the environmental permit needs substantial.
    const weak = await stack.login('suomifi', '010280-952L', 'authenticator');
    expect((await api(weak, 'GET', '/api/v1/me')).body).toMatchObject({ kind: 'applicant', loa: 'low' });

    const attempts: [string, string, unknown?][] = [
      ['GET', own], ['GET', `${own}/timeline`], ['PUT', `${own}/draft`, { form: partialForm }],
      ['POST', `${own}/submit`, { draftVersion: saved.body.draft.version }],
      ['POST', `${own}/supplements`, { requestId: 'any', message: 'Liite.' }], ['POST', `${own}/withdraw`, {}],
    ];
    for (const [method, path, body] of attempts) {
      const error = expectError(await api(weak, method, path, body), 403, 'LOA_TOO_LOW');
      expect(error.message).toContain('stronger identification');
    }
    const after = await api(tessa, 'GET', own);
    expect(after.body).toMatchObject({ status: 'DRAFT', draft: saved.body.draft });
  });

  it('refuses a start when the login is weaker than the service needs, naming the closed application', async () => {
    // kemikaalilupa needs LoA high; the default sandbox method gives substantial.
    const refused = await api(tessa, 'POST', '/api/v1/applications', { serviceId: 'kemikaalilupa' });
    const error = expectError(refused, 403, 'LOA_TOO_LOW');
    expect(error.details.applicationId).toMatch(/^LV-\d{4}-\d{6}$/);
    const closed = await api(tessa, 'GET', `/api/v1/applications/${error.details.applicationId}`);
    expect(closed.body).toMatchObject({ status: 'CLOSED', closeReason: 'LOA_TOO_LOW' });
  });
});
