/**
 * Acting for a person (HPA) and by an issue URI, with a permit service whose rule names the sandbox's
 * issue URI: the person check over the Authorization REST API, and no identity code in clear text in
 * what the case stores or in its Temporal history, even decoded.
 */
import { SANDBOX_ISSUE_URI } from '../../sandbox/valtuudet/fixtures';
import { chooseInSandbox } from '../../sandbox/valtuudet/driver';
import { startTestStack, type TestStack } from '../support/stack';
import { postForm } from '../pages/http';
import { call, expectError, type Caller } from './http';

const SERVICE = 'valtuutettu-testilupa';
const ANNI = '120508A950F';     // Tessa holds a mandate for the issue
const VILLE = '131052-308T';    // Joni holds none: the disallowed pair

describe('[#3] acting for a person, and for an organisation by an issue URI', () => {
  let stack: TestStack;
  let tessa: Caller;
  let joni: Caller;
  let olli: Caller;

  beforeAll(async () => {
    stack = await startTestStack();
    // A copy of the seeded service without its catalogue (PTV) link, which is unique per service.
    const { ptv_service_id: _linked, created_at: _c, updated_at: _u, ...template } = await stack.db('permit_services').where({ id: 'ymparistolupa' }).first();
    await stack.db('permit_services').insert({
      ...template, id: SERVICE,
      representation: JSON.stringify({ organisationRoles: ['TJ', 'NIMKO'], issueUris: [SANDBOX_ISSUE_URI] }),
      names: JSON.stringify(template.names), descriptions: JSON.stringify(template.descriptions), form_schema: JSON.stringify(template.form_schema),
      attachment_media_types: JSON.stringify(template.attachment_media_types), attachment_types: JSON.stringify(template.attachment_types),
    });
    [tessa, joni, olli] = await Promise.all([
      stack.login('suomifi', '010280-952L'), stack.login('suomifi', '010469-999W'), stack.login('virtu', 'olli.operaattori@lvv.fi'),
    ]);
  });
  afterAll(async () => {
    await stack?.db('applications').where({ service_id: SERVICE }).select('id').then(async (rows) => {
      const ids = rows.map((r) => r.id);
      await stack.db('case_events').whereIn('application_id', ids).delete();
      await stack.db('application_start_keys').whereIn('application_id', ids).delete().catch(() => undefined);
      await stack.db('applications').whereIn('id', ids).delete();
      await stack.db('permit_services').where({ id: SERVICE }).delete();
    });
    await stack?.stop();
  });

  const api = (caller: Caller, method: string, path: string, body?: unknown) => call(stack.baseUrl, caller, method, path, { body });
  const choose = async (caller: Caller, kind: 'person' | 'organisation', principal: string) => {
    const begun = await api(caller, 'POST', '/api/v1/acting-for', { kind });
    return chooseInSandbox({ redirectUrl: begun.body.redirectUrl, principal, cookie: caller.cookie! });
  };
  const startForPerson = (caller: Caller, serviceId: string, identityCode: string) =>
    api(caller, 'POST', '/api/v1/applications', { serviceId, principal: { kind: 'person', identityCode } });

  it('opens a case for a person the applicant holds a mandate for, checked over the REST API', async () => {
    expect((await choose(tessa, 'person', ANNI)).location).toBe('/?actingFor=chosen');
    const current = await api(tessa, 'GET', '/api/v1/acting-for');
    expect(current.body.actingFor.principal).toEqual({ kind: 'person', identityCodeHash: expect.stringMatching(/^[0-9a-f]{64}$/), name: 'Kumpulainen Anni Emilia' });

    const started = await startForPerson(tessa, SERVICE, ANNI);
    expect(started.status).toBe(201);
    expect(started.body.principal).toEqual(current.body.actingFor.principal);
    const timeline = (await api(tessa, 'GET', `/api/v1/applications/${started.body.applicationId}/timeline`)).body as any[];
    expect(timeline.find((e) => e.type === 'MANDATE_CHECKED').data).toMatchObject({
      api: 'rest/hpa/authorization', result: 'ALLOWED', issue: SANDBOX_ISSUE_URI, principal: { kind: 'person', identityCodeHash: current.body.actingFor.principal.identityCodeHash },
    });

    // Nothing of it holds an identity code in clear text: not the events, not the Temporal history even decoded.
    const history = await api(olli, 'GET', `/api/v1/operator/cases/${started.body.applicationId}/history`);
    expect(history.status).toBe(200);
    const stored = JSON.stringify([timeline, history.body, await stack.db('applications').where({ id: started.body.applicationId }).first()]);
    for (const hetu of [ANNI, '010280-952L']) expect(stored).not.toContain(hetu);
  });

  it('refuses acting for a person in a service whose rule names no issue, without pretending e-Authorizations said so', async () => {
    await choose(tessa, 'person', ANNI);
    const refused = expectError(await startForPerson(tessa, 'ymparistolupa', ANNI), 403, 'NO_MANDATE');
    expect(refused.message).toMatch(/does not take applications on another person's behalf/);
    const timeline = (await api(tessa, 'GET', `/api/v1/applications/${refused.details.applicationId}/timeline`)).body as any[];
    const evidence = timeline.find((e) => e.type === 'MANDATE_REFUSED').data;
    expect(evidence).toMatchObject({ basis: 'service-rule', act: 'start', result: 'NOT_ACCEPTED' });
    expect(evidence).not.toHaveProperty('api');
  });

  it('refuses the disallowed pair, and a person other than the one chosen', async () => {
    await choose(joni, 'person', VILLE);
    expectError(await startForPerson(joni, SERVICE, VILLE), 403, 'NO_MANDATE');
    expectError(await startForPerson(joni, SERVICE, ANNI), 422, 'MANDATE_SELECTION_REQUIRED');
  });

  it('starts an application for the chosen person from the services page, asking for their identity code first', async () => {
    await choose(tessa, 'person', ANNI);
    const start = (fields: Record<string, string>) => postForm(stack.baseUrl, tessa, `/services/${SERVICE}/start?lang=en`, fields);
    const asked = await start({ startKey: 'for-anni-1' });
    expect(asked.status).toBe(200);
    expect(asked.html).toContain('You act for Kumpulainen Anni Emilia.');
    expect(asked.html).toContain('name="identityCode"');
    const malformed = await start({ startKey: 'for-anni-1', identityCode: '120508A950X' });
    expect(malformed.status).toBe(400);
    expect(malformed.html).toMatch(/id="field-identityCode"[^>]*aria-invalid="true"/);
    expect(malformed.html).not.toContain('120508A950X');
    const started = await start({ startKey: 'for-anni-1', identityCode: ANNI });
    expect(started.status).toBe(303);
    const id = /\/applications\/([^/]+)\/form/.exec(started.headers.get('location') ?? '')?.[1];
    expect((await api(tessa, 'GET', `/api/v1/applications/${id}`)).body.principal).toMatchObject({ kind: 'person', name: 'Kumpulainen Anni Emilia' });
  });

  it('accepts an organisation where the applicant holds only the service\'s issue URI', async () => {
    await choose(tessa, 'organisation', '7769480-5');
    const started = await api(tessa, 'POST', '/api/v1/applications', { serviceId: SERVICE, principal: { kind: 'organisation', businessId: '7769480-5' } });
    expect(started.status).toBe(201);
    expectError(await api(tessa, 'POST', '/api/v1/applications', { serviceId: 'ymparistolupa', principal: { kind: 'organisation', businessId: '7769480-5' } }), 403, 'NO_MANDATE');
  });
});
