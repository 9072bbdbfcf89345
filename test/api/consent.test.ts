/**
 * Consent (issue 6): an authority sees an application before it is submitted only while the applicant
 * consents, read only; giving and withdrawing are in the case event log. Real HTTP against the test stack.
 */
import { startTestStack, type TestStack } from '../support/stack';
import { call, expectError, type Caller } from './http';

const waterForm = {
  projectName: 'Rantalaiturin rakentaminen',
  projectType: 'construction_in_water',
  waterBody: 'Näsijärvi',
  site: { street: 'Rantatie 5', postalCode: '33180', municipality: 'Tampere' },
  description: 'Laiturin rakentaminen ja ruoppaus.',
  contact: { name: 'Tessa Testilä', email: 'tessa.testila@example.fi' },
};

describe('[#6] consent: the authority sees a draft only while the applicant consents', () => {
  let stack: TestStack;
  let tessa: Caller;
  let joni: Caller;
  let kaisa: Caller;   // official at lvv, the authority of the case
  let tuomas: Caller;  // official at tukes: another authority

  beforeAll(async () => {
    stack = await startTestStack();
    [tessa, joni, kaisa, tuomas] = await Promise.all([
      stack.login('suomifi', '010280-952L'),
      stack.login('suomifi', '010469-999W'),
      stack.login('virtu', 'kaisa.kasittelija@lvv.fi'),
      stack.login('virtu', 'tuomas.tarkastaja@tukes.fi'),
    ]);
  });
  afterAll(async () => stack?.stop());

  const api = (caller: Caller, method: string, path: string, body?: unknown) => call(stack.baseUrl, caller, method, path, { body });
  const queue = async (official: Caller): Promise<string[]> =>
    (await api(official, 'GET', '/api/v1/official/cases')).body.map((c: { applicationId: string }) => c.applicationId);

  it('shows the draft to officials of its authority while consent is given, read only, and hides it again on withdrawal', async () => {
    const started = await api(tessa, 'POST', '/api/v1/applications', { serviceId: 'ymparistolupa' });
    const id = started.body.applicationId as string;
    const own = `/api/v1/applications/${id}`;
    const official = `/api/v1/official/cases/${id}`;
    expect(await queue(kaisa)).not.toContain(id);
    expectError(await api(kaisa, 'GET', official), 404, 'NOT_FOUND');

    const given = await api(tessa, 'PUT', `${own}/consent`, { given: true });
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ status: 'DRAFT', consent: { given: true, at: expect.any(String) } });
    // Giving it again is no new act.
    expect((await api(tessa, 'PUT', `${own}/consent`, { given: true })).body.consent).toEqual(given.body.consent);

    expect(await queue(kaisa)).toContain(id);
    const seen = await api(kaisa, 'GET', official);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ applicationId: id, status: 'DRAFT', consent: { given: true } });
    expect((await api(kaisa, 'GET', `${official}/timeline`)).status).toBe(200);
    // Read only: the official cannot act on a draft.
    expectError(await api(kaisa, 'POST', `${official}/acknowledge`, { caseNumber: 'LVV/1/2026' }), 409, 'TRANSITION_NOT_ALLOWED');
    // Another authority's officials still do not see it.
    expect(await queue(tuomas)).not.toContain(id);
    expectError(await api(tuomas, 'GET', official), 404, 'NOT_FOUND');
    // The official's reads are in the usage log.
    const logged = await stack.db('usage_log').where({ application_id: id, authority_id: 'lvv' }).select('action');
    expect(logged.map((r: { action: string }) => r.action)).toEqual(expect.arrayContaining(['case.read', 'case.list']));

    const withdrawn = await api(tessa, 'PUT', `${own}/consent`, { given: false });
    expect(withdrawn.body).toMatchObject({ status: 'DRAFT', consent: { given: false } });
    expect(await queue(kaisa)).not.toContain(id);
    expectError(await api(kaisa, 'GET', official), 404, 'NOT_FOUND');

    const timeline = (await api(tessa, 'GET', `${own}/timeline`)).body as { type: string; actor: { kind: string } }[];
    expect(timeline.filter((e) => e.type.startsWith('CONSENT_')).map((e) => [e.type, e.actor.kind])).toEqual([
      ['CONSENT_GIVEN', 'applicant'], ['CONSENT_WITHDRAWN', 'applicant'],
    ]);
  });

  it('takes consent only from the applicant, only while a draft, and refuses a body without a boolean', async () => {
    const started = await api(tessa, 'POST', '/api/v1/applications', { serviceId: 'vesitalouslupa' });
    const own = `/api/v1/applications/${started.body.applicationId}`;
    expectError(await api(joni, 'PUT', `${own}/consent`, { given: true }), 404, 'NOT_FOUND');
    const bad = expectError(await api(tessa, 'PUT', `${own}/consent`, { given: 'yes' }), 400, 'VALIDATION_FAILED');
    expect(bad.details.fields).toEqual([{ path: 'given', message: expect.any(String) }]);

    const saved = await api(tessa, 'PUT', `${own}/draft`, { form: waterForm });
    expect((await api(tessa, 'POST', `${own}/submit`, { draftVersion: saved.body.draft.version })).status).toBe(200);
    expectError(await api(tessa, 'PUT', `${own}/consent`, { given: true }), 409, 'TRANSITION_NOT_ALLOWED');
    const timeline = (await api(tessa, 'GET', `${own}/timeline`)).body as { type: string }[];
    expect(timeline.map((e) => e.type)).not.toContain('CONSENT_GIVEN');
  });
});
