/**
 * Acting for an organisation through the API, against the sandbox Suomi.fi e-Authorizations over real
 * HTTP: the choice in the e-Authorizations UI, the mandate checks at start, submit and supplement, the
 * evidence in the case's timeline, revocation mid-case and an unreachable service.
 */
import { readForm } from '../../sandbox/saml-idp/driver';
import { chooseInSandbox } from '../../sandbox/valtuudet/driver';
import { startTestStack, type TestStack } from '../support/stack';
import { attachSitePlan } from '../support/attachments';
import { completeForm, SERVICE_ID } from './forms';
import { call, eventually, expectError, type Caller } from './http';

const TESSA = '010280-952L';
const ROVA = '7019376-8';          // Tessa: TJ
const BOARD_ONLY = '2305162-8';    // Tessa: J only
const INCOMPLETE = '1572860-0';    // Tessa: TJ, but complete:false

describe('[#3] acting for an organisation with Suomi.fi e-Authorizations', () => {
  let stack: TestStack;
  let tessa: Caller;
  let joni: Caller;
  let kaisa: Caller;
  let olli: Caller;
  let annaLiisa: Caller;

  beforeAll(async () => {
    stack = await startTestStack({ env: { APPLICATION_START_TIMEOUT_MS: '4000' } });
    [tessa, joni, kaisa, olli, annaLiisa] = await Promise.all([
      stack.login('suomifi', TESSA),
      stack.login('suomifi', '010469-999W'),
      stack.login('virtu', 'kaisa.kasittelija@lvv.fi'),
      stack.login('virtu', 'olli.operaattori@lvv.fi'),
      stack.login('suomifi', '010675-9981'),
    ]);
  });
  afterAll(async () => stack?.stop());

  const api = (caller: Caller, method: string, path: string, body?: unknown) => call(stack.baseUrl, caller, method, path, { body });

  /** The whole browser flow: the platform's redirect, the choice in the sandbox UI, the callback. */
  async function choose(caller: Caller, principal: string | undefined, kind: 'organisation' | 'person' = 'organisation') {
    const begun = await api(caller, 'POST', '/api/v1/acting-for', { kind, returnTo: '/hakemukset' });
    expect(begun.status).toBe(200);
    return chooseInSandbox({ redirectUrl: begun.body.redirectUrl, principal, cookie: caller.cookie! });
  }

  async function startFor(caller: Caller, businessId: string) {
    return api(caller, 'POST', '/api/v1/applications', { serviceId: SERVICE_ID, principal: { kind: 'organisation', businessId } });
  }

  async function draftReady(caller: Caller, applicationId: string): Promise<number> {
    const saved = await api(caller, 'PUT', `/api/v1/applications/${applicationId}/draft`, { form: completeForm });
    expect(saved.status).toBe(200);
    await attachSitePlan(stack.baseUrl, caller, applicationId);
    return saved.body.draft.version;
  }

  it('refuses a malformed business id or identity code, naming the field', async () => {
    const badId = expectError(await startFor(tessa, '7019376-9'), 400, 'INVALID_BUSINESS_ID');
    expect(badId.details.fields).toEqual([{ path: 'principal.businessId', message: expect.any(String) }]);
    const badHetu = expectError(await api(tessa, 'POST', '/api/v1/applications', {
      serviceId: SERVICE_ID, principal: { kind: 'person', identityCode: '010594Y9033' },
    }), 400, 'INVALID_IDENTITY_CODE');
    expect(badHetu.details.fields).toEqual([{ path: 'principal.identityCode', message: expect.any(String) }]);
  });

  it('asks to choose the organisation in e-Authorizations before acting for it', async () => {
    const refused = expectError(await startFor(joni, ROVA), 422, 'MANDATE_SELECTION_REQUIRED');
    expect(refused.message).toMatch(/Choose the organisation/);
    expect(refused.details.fields[0].path).toBe('principal');
  });

  it('comes back gently from a cancelled choice and from a reused code', async () => {
    const cancelled = await choose(joni, undefined);
    expect(cancelled).toMatchObject({ status: 303, location: '/hakemukset?actingFor=cancelled' });
    expect((await api(joni, 'GET', '/api/v1/acting-for')).body).toEqual({ actingFor: null });

    const chosen = await choose(joni, ROVA);
    expect(chosen).toMatchObject({ status: 303, location: '/hakemukset?actingFor=chosen' });
    // The browser's back/refresh: the same callback again (state and code already used).
    const again = await fetch(chosen.callbackUrl, { redirect: 'manual', headers: { cookie: joni.cookie! } });
    expect(again.status).toBe(303);
    expect(again.headers.get('location')).toBe('/?actingFor=chosen');
    const current = await api(joni, 'GET', '/api/v1/acting-for');
    expect(current.body.actingFor).toMatchObject({ principal: { kind: 'organisation', businessId: ROVA, name: 'Rova Oy' }, roles: ['NIMKO', expect.stringMatching(/^http/)] });
    const back = await api(joni, 'DELETE', '/api/v1/acting-for');
    expect(back.body).toEqual({ actingFor: null });
    expectError(await startFor(joni, ROVA), 422, 'MANDATE_SELECTION_REQUIRED');
  });

  it('sends the browser back gently when e-Authorizations fails right after the choice', async () => {
    const begun = await api(joni, 'POST', '/api/v1/acting-for', { kind: 'organisation', returnTo: '/hakemukset' });
    const page = await fetch(begun.body.redirectUrl);
    const form = readForm(await page.text(), begun.body.redirectUrl);
    const picked = await fetch(form.action, { method: 'POST', body: new URLSearchParams({ ...form.fields, principal: ROVA, action: 'select' }), redirect: 'manual' });
    await stack.valtuudet.stop();
    try {
      const back = await fetch(picked.headers.get('location')!, { redirect: 'manual', headers: { cookie: joni.cookie! } });
      expect(back.status).toBe(303);
      expect(back.headers.get('location')).toBe('/hakemukset?actingFor=unavailable');
    } finally {
      await stack.valtuudet.restart();
    }
    expect((await api(joni, 'GET', '/api/v1/acting-for')).body).toEqual({ actingFor: null });
  });

  it('opens a case for a company where the applicant is managing director, and shows on whose behalf each act was done', async () => {
    await choose(tessa, ROVA);
    const started = await startFor(tessa, ROVA);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'DRAFT', principal: { kind: 'organisation', businessId: ROVA, name: 'Rova Oy' } });
    const id = started.body.applicationId;
    const version = await draftReady(tessa, id);
    expect((await api(tessa, 'POST', `/api/v1/applications/${id}/submit`, { draftVersion: version })).status).toBe(200);

    const timeline = (await api(kaisa, 'GET', `/api/v1/official/cases/${id}/timeline`)).body as any[];
    const checks = timeline.filter((e) => e.type === 'MANDATE_CHECKED');
    expect(checks.map((e) => e.data.act)).toEqual(['start', 'submit']);
    expect(checks[0].data).toMatchObject({
      basis: 'e-authorizations', result: 'ALLOWED', api: 'ypa/organizationRoles', roles: ['TJ'], complete: true,
      principal: { kind: 'organisation', businessId: ROVA }, checkedAt: expect.any(String),
    });
    expect(timeline.find((e) => e.type === 'SUBMITTED').actor).toMatchObject({ kind: 'applicant', onBehalfOf: { businessId: ROVA, name: 'Rova Oy' } });
    expect((await api(kaisa, 'GET', `/api/v1/official/cases/${id}`)).body.principal).toMatchObject({ businessId: ROVA });
    const operator = await api(olli, 'GET', `/api/v1/operator/cases?organisation=${ROVA}`);
    expect(operator.status).toBe(200);

    // Supplement: checked again, and recorded on the organisation's behalf.
    const request = await api(kaisa, 'POST', `/api/v1/official/cases/${id}/acknowledge`, { caseNumber: 'LVV/77/2026' });
    expect(request.status).toBe(200);
    const asked = await api(kaisa, 'POST', `/api/v1/official/cases/${id}/supplement-requests`, { message: 'Lisätkää kartta.' });
    const answered = await api(tessa, 'POST', `/api/v1/applications/${id}/supplements`, { requestId: asked.body.requestId, message: 'Kartta liitetty.' });
    expect(answered.status).toBe(200);
    const after = (await api(kaisa, 'GET', `/api/v1/official/cases/${id}/timeline`)).body as any[];
    expect(after.filter((e) => e.type === 'MANDATE_CHECKED').map((e) => e.data.act)).toEqual(['start', 'submit', 'supplement']);
    expect(after.find((e) => e.type === 'SUPPLEMENTED').actor.onBehalfOf).toMatchObject({ businessId: ROVA });
  });

  it('closes the case NO_MANDATE when the applicant is only a board member', async () => {
    await choose(tessa, BOARD_ONLY);
    const refused = expectError(await startFor(tessa, BOARD_ONLY), 403, 'NO_MANDATE');
    // The applicant hears why in plain words, not only in the timeline.
    expect(refused.message).toMatch(/may not act for Hallitusjäsen Oy in this service: it needs one of the roles TJ, NIMKO/);
    const id = refused.details.applicationId;
    const view = await api(tessa, 'GET', `/api/v1/applications/${id}`);
    expect(view.body).toMatchObject({ status: 'CLOSED', closeReason: 'NO_MANDATE' });
    const timeline = (await api(tessa, 'GET', `/api/v1/applications/${id}/timeline`)).body as any[];
    expect(timeline.find((e) => e.type === 'MANDATE_REFUSED').data).toMatchObject({ result: 'DISALLOWED', roles: ['J'] });
    expect(timeline.at(-1)).toMatchObject({ type: 'CLOSED', data: { reason: 'NO_MANDATE', message: expect.stringMatching(/may not act for Hallitusjäsen Oy/) } });
  });

  it('does not take an incomplete answer as a mandate', async () => {
    await choose(tessa, INCOMPLETE);
    const refused = expectError(await startFor(tessa, INCOMPLETE), 403, 'NO_MANDATE');
    const timeline = (await api(tessa, 'GET', `/api/v1/applications/${refused.details.applicationId}/timeline`)).body as any[];
    expect(timeline.find((e) => e.type === 'MANDATE_REFUSED').data).toMatchObject({ result: 'INCOMPLETE', complete: false });
  });

  it('lists the organisation\'s applications to another representative while the mandate holds', async () => {
    await choose(tessa, ROVA);
    const theirs = (await startFor(tessa, ROVA)).body.applicationId as string;
    await choose(joni, ROVA);
    const listed = async () => ((await api(joni, 'GET', '/api/v1/applications')).body as any[]).map((c) => c.applicationId);
    expect(await listed()).toContain(theirs);
    expect((await api(joni, 'GET', `/api/v1/applications/${theirs}`)).body).toMatchObject({ applicationId: theirs, principal: { businessId: ROVA } });
    // Reading is not acting: the case's acts stay with the applicant who started it.
    expectError(await api(joni, 'PUT', `/api/v1/applications/${theirs}/draft`, { form: completeForm }), 404, 'NOT_FOUND');
    // Without a current choice of Rova, Joni sees only his own cases.
    await api(joni, 'DELETE', '/api/v1/acting-for');
    expect(await listed()).not.toContain(theirs);
    await choose(joni, ROVA);
    await revoke('010469-999W', ROVA);
    expect(await listed()).not.toContain(theirs);
    expectError(await api(joni, 'GET', `/api/v1/applications/${theirs}/timeline`), 404, 'NOT_FOUND');
  });

  it('does not show the organisation\'s applications to a representative whose role the service does not accept', async () => {
    await choose(tessa, ROVA);
    const theirs = (await startFor(tessa, ROVA)).body.applicationId as string;
    // Anna-Liisa is only a board member (J) of Rova; the service needs TJ or NIMKO.
    await choose(annaLiisa, ROVA);
    expect((await api(annaLiisa, 'GET', '/api/v1/acting-for')).body.actingFor).toMatchObject({ principal: { businessId: ROVA }, roles: ['J'] });
    const listed = ((await api(annaLiisa, 'GET', '/api/v1/applications')).body as any[]).map((c) => c.applicationId);
    expect(listed).not.toContain(theirs);
    expectError(await api(annaLiisa, 'GET', `/api/v1/applications/${theirs}`), 404, 'NOT_FOUND');
    expectError(await api(annaLiisa, 'GET', `/api/v1/applications/${theirs}/timeline`), 404, 'NOT_FOUND');
    // The managing director may withdraw it, checked like any other act for the company.
    expect((await api(tessa, 'POST', `/api/v1/applications/${theirs}/withdraw`, {})).body).toMatchObject({ status: 'CLOSED', closeReason: 'WITHDRAWN' });
    const timeline = (await api(tessa, 'GET', `/api/v1/applications/${theirs}/timeline`)).body as any[];
    expect(timeline.filter((e) => e.type === 'MANDATE_CHECKED').map((e) => e.data.act)).toEqual(['start', 'withdraw']);
  });

  it('waits while e-Authorizations is unreachable, shows operators why, and completes the act once it is back', async () => {
    await choose(tessa, ROVA);
    const id = (await startFor(tessa, ROVA)).body.applicationId as string;
    const version = await draftReady(tessa, id);
    await stack.valtuudet.stop();
    try {
      const waiting = expectError(await api(tessa, 'POST', `/api/v1/applications/${id}/submit`, { draftVersion: version }), 503, 'DEPENDENCY_UNAVAILABLE');
      expect(waiting).toMatchObject({ message: expect.stringMatching(/waiting for Suomi.fi e-Authorizations/), details: { applicationId: id } });
      const operator = await eventually(
        () => api(olli, 'GET', `/api/v1/operator/cases/${id}`),
        (a) => a.body.execution?.pendingActivities?.some((p: any) => p.activityType === 'checkMandate' && p.lastFailure),
      );
      expect(operator.body.execution.pendingActivities).toContainEqual(expect.objectContaining({
        activityType: 'checkMandate', lastFailure: expect.stringMatching(/did not answer/),
      }));
      expect((await api(tessa, 'GET', `/api/v1/applications/${id}`)).body.status).toBe('DRAFT');
    } finally {
      await stack.valtuudet.restart();
    }
    const done = await eventually(() => api(tessa, 'GET', `/api/v1/applications/${id}`), (a) => a.body.status === 'DELIVERED', 40_000);
    expect(done.body.status).toBe('DELIVERED');
  }, 60_000);

  it('waits at the start while e-Authorizations is unreachable, and opens the case once it is back', async () => {
    await choose(tessa, ROVA);
    await stack.valtuudet.stop();
    let id: string;
    try {
      const waiting = expectError(await startFor(tessa, ROVA), 503, 'DEPENDENCY_UNAVAILABLE');
      expect(waiting.message).toMatch(/waiting for Suomi.fi e-Authorizations to confirm your mandate/);
      id = waiting.details.applicationId;
    } finally {
      await stack.valtuudet.restart();
    }
    const opened = await eventually(() => api(tessa, 'GET', `/api/v1/applications/${id}`), (a) => a.body.status === 'DRAFT', 40_000);
    expect(opened.body.principal).toMatchObject({ businessId: ROVA });
  }, 60_000);

  it('refuses the submission when the mandate is revoked after the start, and the case stays a draft', async () => {
    await choose(tessa, ROVA);
    const started = await startFor(tessa, ROVA);
    expect(started.status).toBe(201);
    const id = started.body.applicationId;
    const version = await draftReady(tessa, id);
    await revoke(TESSA, ROVA);

    const refused = expectError(await api(tessa, 'POST', `/api/v1/applications/${id}/submit`, { draftVersion: version }), 403, 'NO_MANDATE');
    expect(refused.message).toMatch(/may not act for Rova Oy/);
    const view = await api(tessa, 'GET', `/api/v1/applications/${id}`);
    expect(view.body).toMatchObject({ status: 'DRAFT', submission: null });
    const timeline = (await api(tessa, 'GET', `/api/v1/applications/${id}/timeline`)).body as any[];
    expect(timeline.at(-1)).toMatchObject({ type: 'MANDATE_REFUSED', status: 'DRAFT', data: { act: 'submit', result: 'DISALLOWED', roles: [] } });
    // Withdrawing the company's application is a legal act as well: refused without the mandate.
    expectError(await api(tessa, 'POST', `/api/v1/applications/${id}/withdraw`, {}), 403, 'NO_MANDATE');
    expect((await api(tessa, 'GET', `/api/v1/applications/${id}`)).body.status).toBe('DRAFT');
  });

  it('asks to choose again when the e-Authorizations session has expired', async () => {
    await choose(joni, ROVA);
    await fetch(`${stack.valtuudet.url}/sandbox/expire-sessions`, { method: 'POST' });
    // Joni's NIMKO was revoked above; the expired session is refused before any role is looked at.
    const started = expectError(await startFor(joni, ROVA), 422, 'MANDATE_SELECTION_REQUIRED');
    expect(started.message).toMatch(/Choose Rova Oy again/);
    const timeline = (await api(joni, 'GET', `/api/v1/applications/${started.details.applicationId}/timeline`)).body as any[];
    expect(timeline.find((e) => e.type === 'MANDATE_REFUSED').data).toMatchObject({ result: 'SELECTION_REQUIRED' });
  });

  it('keeps identity codes out of the case events and the stored selection', async () => {
    const events = await stack.db('case_events').select('actor', 'data');
    const text = JSON.stringify(events);
    for (const hetu of [TESSA, '010469-999W']) expect(text).not.toContain(hetu);
    const rows: Record<string, unknown>[] = await stack.db('acting_for_selections').select('*');
    for (const hetu of [TESSA, '010469-999W']) expect(JSON.stringify(rows)).not.toContain(hetu);
    // Ids, ciphertexts and hashes can hold identity-code-shaped runs by chance (a UUID's "524456-9072"): the
    // pattern is for the clear-text columns.
    const clear = rows.map(({ session_id: _id, principal_hetu_enc: _h, principal_hetu_hash: _x, valtuudet_session_enc: _s, access_token_enc: _t, ...rest }) => rest);
    expect(Object.keys(clear[0] ?? {})).toContain('name');
    expect(JSON.stringify(clear)).not.toMatch(/\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]/);
  });

  async function revoke(delegate: string, principal: string) {
    const res = await fetch(`${stack.valtuudet.url}/sandbox/revoke`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ delegate, principal }),
    });
    expect(res.status).toBe(200);
  }
});
