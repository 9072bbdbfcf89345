import { call, expectError, type Caller } from './http';
import { completeForm, partialForm, SERVICE_ID } from './forms';
import { TEXT_LIMITS } from '../../workflows/application/messages';
import { startTestStack, type TestStack } from '../support/stack';
import { attachSitePlan } from '../support/attachments';

describe('[#2] Bad input gets a 4xx in the one error format, and the case stays whole', () => {
  let stack: TestStack;
  let tessa: Caller;
  let kaisa: Caller;
  let olli: Caller;
  let draftId: string;
  let draftVersion: number;

  beforeAll(async () => {
    stack = await startTestStack();
    [tessa, kaisa, olli] = await Promise.all([
      stack.login('suomifi', '010675-9981'),
      stack.login('virtu', 'kaisa.kasittelija@lvv.fi'),
      stack.login('virtu', 'olli.operaattori@lvv.fi'),
    ]);
    const started = await call(stack.baseUrl, tessa, 'POST', '/api/v1/applications', { body: { serviceId: SERVICE_ID } });
    draftId = started.body.applicationId;
    const saved = await call(stack.baseUrl, tessa, 'PUT', `/api/v1/applications/${draftId}/draft`, { body: { form: partialForm } });
    draftVersion = saved.body.draft.version;
  });
  afterAll(async () => stack?.stop());

  const draftPath = () => `/api/v1/applications/${draftId}/draft`;

  /** The draft is exactly as the last good save left it. */
  async function expectDraftUnchanged() {
    const now = await call(stack.baseUrl, tessa, 'GET', `/api/v1/applications/${draftId}`);
    expect(now.body).toMatchObject({ status: 'DRAFT', draft: { version: draftVersion, form: partialForm } });
  }

  it('answers an over-long request line with 431 in the one error format, before any route', async () => {
    const res = await fetch(`${stack.baseUrl}/api/v1/services?q=${'x'.repeat(20_000)}`);
    expect(res.status).toBe(431);
    const body = await res.json() as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('REQUEST_HEADERS_TOO_LARGE');
    expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('refuses malformed JSON with 400 MALFORMED_JSON', async () => {
    expectError(await call(stack.baseUrl, tessa, 'PUT', draftPath(), { rawBody: '{"form": {"operatorName": ' }), 400, 'MALFORMED_JSON');
    await expectDraftUnchanged();
  });

  it('refuses unknown fields, naming each one', async () => {
    const answer = await call(stack.baseUrl, tessa, 'PUT', draftPath(), { body: { form: completeForm, sneaky: true } });
    const error = expectError(answer, 400, 'VALIDATION_FAILED');
    expect(error.details.fields).toEqual([{ path: 'sneaky', message: 'Unknown field.' }]);
    await expectDraftUnchanged();
  });

  it('refuses a body over 256 kB with 413 PAYLOAD_TOO_LARGE', async () => {
    const huge = { form: { ...partialForm, activityDescription: 'x'.repeat(300 * 1024) } };
    expectError(await call(stack.baseUrl, tessa, 'PUT', draftPath(), { body: huge }), 413, 'PAYLOAD_TOO_LARGE');
    await expectDraftUnchanged();
  });

  it('refuses a body that is not JSON with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const answer = await call(stack.baseUrl, tessa, 'PUT', draftPath(), { rawBody: 'form=1', contentType: 'application/x-www-form-urlencoded' });
    expectError(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
    await expectDraftUnchanged();
  });

  it('refuses a malformed service id with 400 and an unknown one with 404', async () => {
    const malformed = await call(stack.baseUrl, tessa, 'POST', '/api/v1/applications', { body: { serviceId: '../../etc' } });
    expect(expectError(malformed, 400, 'VALIDATION_FAILED').details.fields[0].path).toBe('serviceId');
    expectError(await call(stack.baseUrl, tessa, 'POST', '/api/v1/applications', { body: { serviceId: 'no-such-permit' } }), 404, 'NOT_FOUND');
    expectError(await call(stack.baseUrl, tessa, 'GET', '/api/v1/services/no-such-permit'), 404, 'NOT_FOUND');
  });

  it('refuses a draft field of the wrong type with 400 FORM_REJECTED naming the field', async () => {
    const answer = await call(stack.baseUrl, tessa, 'PUT', draftPath(), { body: { form: { ...partialForm, site: { municipality: 42 } } } });
    const error = expectError(answer, 400, 'FORM_REJECTED');
    expect(error.details.fields).toEqual([expect.objectContaining({ path: 'form.site.municipality' })]);
    await expectDraftUnchanged();
  });

  it('refuses to submit an incomplete form with 400 FORM_REJECTED naming each missing field', async () => {
    const answer = await call(stack.baseUrl, tessa, 'POST', `/api/v1/applications/${draftId}/submit`, { body: { draftVersion } });
    const error = expectError(answer, 400, 'FORM_REJECTED');
    const paths = error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['form.activityType', 'form.activityDescription', 'form.contact', 'form.site.street', 'form.site.postalCode']));
    await expectDraftUnchanged();
  });

  it('refuses a save based on an old version with 409 STALE_VERSION', async () => {
    const answer = await call(stack.baseUrl, tessa, 'PUT', draftPath(), { body: { form: completeForm, expectedVersion: draftVersion - 1 } });
    expectError(answer, 409, 'STALE_VERSION');
    await expectDraftUnchanged();
  });

  it('refuses a change without the CSRF token with 403 CSRF_REJECTED, and a wrong token likewise', async () => {
    expectError(await call(stack.baseUrl, tessa, 'PUT', draftPath(), { body: { form: completeForm }, withoutCsrf: true }), 403, 'CSRF_REJECTED');
    const forged = { ...tessa, csrfToken: 'x'.repeat(tessa.csrfToken!.length) };
    expectError(await call(stack.baseUrl, forged, 'PUT', draftPath(), { body: { form: completeForm } }), 403, 'CSRF_REJECTED');
    await expectDraftUnchanged();
  });

  it('refuses requests without a session with 401 NOT_AUTHENTICATED', async () => {
    expectError(await call(stack.baseUrl, {}, 'GET', `/api/v1/applications/${draftId}`), 401, 'NOT_AUTHENTICATED');
    expectError(await call(stack.baseUrl, {}, 'PUT', draftPath(), { body: { form: completeForm } }), 401, 'NOT_AUTHENTICATED');
    expectError(await call(stack.baseUrl, { cookie: 'lupaflow_session=forged' }, 'GET', '/api/v1/me'), 401, 'NOT_AUTHENTICATED');
    await expectDraftUnchanged();
  });

  it('refuses an invalid identity code or business id of a principal with 400, and a valid one not chosen through e-Authorizations with 422', async () => {
    const start = (principal: unknown) => call(stack.baseUrl, tessa, 'POST', '/api/v1/applications', { body: { serviceId: SERVICE_ID, principal } });
    const badHetu = expectError(await start({ kind: 'person', identityCode: '010190-999K' }), 400, 'INVALID_IDENTITY_CODE');
    expect(badHetu.message).not.toContain('010190-999K');
    expectError(await start({ kind: 'organisation', businessId: '7019376-7' }), 400, 'INVALID_BUSINESS_ID');
    expectError(await start({ kind: 'organisation', businessId: '7019376-8' }), 422, 'MANDATE_SELECTION_REQUIRED');
  });

  it('refuses an operator search by an invalid business id or an unknown filter', async () => {
    expectError(await call(stack.baseUrl, olli, 'GET', '/api/v1/operator/cases?organisation=1234567-0'), 400, 'INVALID_BUSINESS_ID');
    const injected = await call(stack.baseUrl, olli, 'GET', `/api/v1/operator/cases?service=${encodeURIComponent("x' OR WorkflowId != '")}`);
    expectError(injected, 400, 'VALIDATION_FAILED');
    expectError(await call(stack.baseUrl, olli, 'GET', '/api/v1/operator/cases?applicantName=Tessa'), 400, 'VALIDATION_FAILED');
  });

  /** A new case of tessa's, submitted: DELIVERED to lvv. */
  async function submittedCase(): Promise<string> {
    const started = await call(stack.baseUrl, tessa, 'POST', '/api/v1/applications', { body: { serviceId: SERVICE_ID } });
    const id = started.body.applicationId;
    const saved = await call(stack.baseUrl, tessa, 'PUT', `/api/v1/applications/${id}/draft`, { body: { form: completeForm } });
    await attachSitePlan(stack.baseUrl, tessa, id);
    const submitted = await call(stack.baseUrl, tessa, 'POST', `/api/v1/applications/${id}/submit`, { body: { draftVersion: saved.body.draft.version } });
    expect(submitted.status).toBe(200);
    return id;
  }

  it('refuses to decide a withdrawn case with 409 TRANSITION_NOT_ALLOWED, and the case stays withdrawn', async () => {
    const id = await submittedCase();
    const withdrawn = await call(stack.baseUrl, tessa, 'POST', `/api/v1/applications/${id}/withdraw`, { body: { reason: 'Hanke peruttu.' } });
    expect(withdrawn.body).toMatchObject({ status: 'CLOSED', closeReason: 'WITHDRAWN' });

    const paavo = await stack.login('virtu', 'paavo.paattaja@lvv.fi');
    const decided = await call(stack.baseUrl, paavo, 'POST', `/api/v1/official/cases/${id}/decision`, { body: { outcome: 'APPROVED', text: 'Myönnetään.' } });
    expectError(decided, 409, 'TRANSITION_NOT_ALLOWED');
    const after = await call(stack.baseUrl, tessa, 'GET', `/api/v1/applications/${id}`);
    expect(after.body).toMatchObject({ status: 'CLOSED', closeReason: 'WITHDRAWN', decision: null });
  });

  it('refuses a supplement request before the case is acknowledged, so that it can still be acknowledged', async () => {
    const official = `/api/v1/official/cases/${await submittedCase()}`;
    const early = await call(stack.baseUrl, kaisa, 'POST', `${official}/supplement-requests`, { body: { message: 'Lisätkää kartta.' } });
    expect(expectError(early, 409, 'TRANSITION_NOT_ALLOWED').message).toContain('acknowledge it with a case number first');
    const acknowledged = await call(stack.baseUrl, kaisa, 'POST', `${official}/acknowledge`, { body: { caseNumber: 'LVV/5/2026' } });
    expect(acknowledged.body).toMatchObject({ status: 'IN_HANDLING', caseNumber: 'LVV/5/2026', supplementRequests: [] });
    const asked = await call(stack.baseUrl, kaisa, 'POST', `${official}/supplement-requests`, { body: { message: 'Lisätkää kartta.' } });
    expect(asked.status).toBe(201);
  });

  it('takes a decision text as long as the limit end to end, and refuses a longer one before anything is written', async () => {
    const id = await submittedCase();
    const official = `/api/v1/official/cases/${id}`;
    await call(stack.baseUrl, kaisa, 'POST', `${official}/acknowledge`, { body: { caseNumber: 'LVV/6/2026' } });
    const paavo = await stack.login('virtu', 'paavo.paattaja@lvv.fi');
    const decide = (text: string) => call(stack.baseUrl, paavo, 'POST', `${official}/decision`, { body: { outcome: 'APPROVED', text } });

    const tooLong = await decide('x'.repeat(TEXT_LIMITS.decisionText + 1));
    expect(expectError(tooLong, 400, 'VALIDATION_FAILED').details.fields[0].path).toBe('text');
    expect(await stack.db('usage_log').where({ request_id: tooLong.headers.get('x-request-id') })).toEqual([]);
    expect((await call(stack.baseUrl, tessa, 'GET', `/api/v1/applications/${id}`)).body).toMatchObject({ status: 'IN_HANDLING', decision: null });

    const atLimit = await decide('x'.repeat(TEXT_LIMITS.decisionText));
    expect(atLimit.status).toBe(201);
    const seen = await call(stack.baseUrl, tessa, 'GET', `/api/v1/applications/${id}`);
    expect(seen.body.status).toBe('DECIDED');
    expect(seen.body.decision.text).toHaveLength(TEXT_LIMITS.decisionText);
  });

  it('refuses a path that is not valid percent-encoding with 400, not 500', async () => {
    for (const path of ['/api/v1/applications/%E0%A4%A', '/api/v1/services/%C0', '/auth/%ZZ/login', '/api/v1/official/cases/%ZZ']) {
      const error = expectError(await call(stack.baseUrl, kaisa, 'GET', path), 400, 'VALIDATION_FAILED');
      expect(error.message).toBe('The request path is not valid.');
    }
    const own = expectError(await call(stack.baseUrl, tessa, 'GET', '/api/v1/applications/%E0%A4%A'), 400, 'VALIDATION_FAILED');
    expect(own.message).toBe('The request path is not valid.');
  });

  it('answers unknown routes with 404 in the same format', async () => {
    expectError(await call(stack.baseUrl, kaisa, 'GET', '/api/v1/nothing-here'), 404, 'NOT_FOUND');
  });
});
