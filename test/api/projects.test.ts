/**
 * Projects (issue 6): several permit applications to different authorities with common data entered
 * once, over real HTTP against the test stack (real Temporal, PostgreSQL and SAML logins).
 */
import { commonDataMapProblems } from '../../api/projects/common-data-map';
import { startTestStack, type TestStack } from '../support/stack';
import { call, expectError, type Caller } from './http';

/** The rest of a complete kemikaalilupa form (tukes): the project's common data fills its site and description. */
const chemicalsForm = {
  companyName: 'Testilän Saha Oy',
  plantName: 'Sahan kemikaalivarasto',
  seveso: 'lower',
  chemicals: [{ name: 'Kreosootti', maxQuantityTonnes: 12 }],
  contact: { name: 'Tessa Testilä', email: 'tessa.testila@example.fi' },
};

const COMMON = {
  name: 'Sahan laajennus',
  description: 'Sahalaitoksen laajennus ja kemikaalivaraston rakentaminen.',
  site: { address: 'Sahatie 1, 33100 Tampere', municipality: 'Tampere', propertyId: '837-1-23-4' },
};

describe('[#6] projects: several applications with common data entered once', () => {
  let stack: TestStack;
  let tessa: Caller;       // substantial login
  let tessaHigh: Caller;   // the same person with a bank login (LoA high), as kemikaalilupa needs
  let joni: Caller;

  beforeAll(async () => {
    stack = await startTestStack();
    [tessa, tessaHigh, joni] = await Promise.all([
      stack.login('suomifi', '010280-952L'),
      stack.login('suomifi', '010280-952L', 'bank'),
      stack.login('suomifi', '010469-999W'),
    ]);
  });
  afterAll(async () => stack?.stop());

  const api = (caller: Caller, method: string, path: string, body?: unknown) => call(stack.baseUrl, caller, method, path, { body });

  it('bundles applications to two authorities, fills the common data in at start and into drafts only on change', async () => {
    const created = await api(tessaHigh, 'POST', '/api/v1/projects', COMMON);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...COMMON, id: expect.any(String), onBehalfOf: null, applications: [] });
    const project = `/api/v1/projects/${created.body.id}`;

    const env = await api(tessaHigh, 'POST', `${project}/applications`, { serviceId: 'ymparistolupa' });
    expect(env.status).toBe(201);
    const chem = await api(tessaHigh, 'POST', `${project}/applications`, { serviceId: 'kemikaalilupa' });
    expect(chem.status).toBe(201);
    // Each form's own fields take the common data (the service's map): no second copy of the site to type again.
    const site = { street: COMMON.site.address, municipality: COMMON.site.municipality, propertyId: COMMON.site.propertyId };
    const expectedForms = [
      { projectName: COMMON.name, activityDescription: COMMON.description, site },
      { projectName: COMMON.name, description: COMMON.description, site },
    ];
    for (const [i, started] of [env, chem].entries()) {
      expect(started.body).toMatchObject({ status: 'DRAFT', projectId: created.body.id, consent: { given: false, at: null } });
      expect(started.body.draft.form).toEqual(expectedForms[i]);
    }
    expect(chem.body.authorityId).toBe('tukes');

    // The project shows them together, with status, service and authority.
    const shown = await api(tessaHigh, 'GET', project);
    expect(shown.status).toBe(200);
    const byId = Object.fromEntries(shown.body.applications.map((a: { applicationId: string }) => [a.applicationId, a]));
    expect(byId[env.body.applicationId]).toMatchObject({
      status: 'DRAFT', serviceId: 'ymparistolupa', authorityId: 'lvv', projectId: created.body.id,
      serviceNames: { en: 'Environmental permit' }, authorityNames: { en: 'Permit and Supervision Agency' },
    });
    expect(byId[chem.body.applicationId]).toMatchObject({ status: 'DRAFT', authorityId: 'tukes', authorityNames: { en: 'Finnish Safety and Chemicals Agency' } });
    expect((await api(tessaHigh, 'GET', '/api/v1/projects')).body.map((p: { id: string }) => p.id)).toContain(created.body.id);

    // The chemicals permit is completed and submitted; the environmental permit stays a draft.
    const chemPath = `/api/v1/applications/${chem.body.applicationId}`;
    const saved = await api(tessaHigh, 'PUT', `${chemPath}/draft`, { form: { ...chem.body.draft.form, ...chemicalsForm, site: { ...site, postalCode: '33100' } }, expectedVersion: chem.body.draft.version });
    expect(saved.status).toBe(200);
    expect((await api(tessaHigh, 'POST', `${chemPath}/submit`, { draftVersion: saved.body.draft.version })).status).toBe(200);

    const changed = { ...COMMON, name: 'Sahan laajennus 2027', site: { address: 'Sahatie 3, 33100 Tampere', municipality: 'Tampere' } };
    const updated = await api(tessaHigh, 'PUT', project, changed);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: changed.name, site: changed.site });
    expect(updated.body.propagation.updated).toEqual([env.body.applicationId]);
    expect(updated.body.propagation.notUpdated).toEqual([
      { applicationId: chem.body.applicationId, code: 'TRANSITION_NOT_ALLOWED', message: expect.stringMatching(/delivered/) },
    ]);

    const envNow = (await api(tessaHigh, 'GET', `/api/v1/applications/${env.body.applicationId}`)).body;
    expect(envNow.draft.form).toEqual({ projectName: changed.name, activityDescription: COMMON.description, site: { street: changed.site.address, municipality: 'Tampere' } });
    // (The property id was removed from the common data, so from the draft too.)
    // The submitted application keeps what it was submitted with.
    const chemNow = (await api(tessaHigh, 'GET', chemPath)).body;
    expect(chemNow.draft.form).toMatchObject({ projectName: COMMON.name, site: { street: COMMON.site.address, propertyId: COMMON.site.propertyId } });
    // Both are in the project's list, each with its own status.
    const statuses = (await api(tessaHigh, 'GET', project)).body.applications.map((a: { applicationId: string; status: string }) => [a.applicationId, a.status]);
    expect(statuses).toEqual(expect.arrayContaining([[env.body.applicationId, 'DRAFT'], [chem.body.applicationId, 'DELIVERED']]));
  });

  it('has each seeded service point the common data at its own string fields, with no duplicate top-level copies', async () => {
    const rows = await stack.db('permit_services').whereIn('id', ['ymparistolupa', 'vesitalouslupa', 'kemikaalilupa']).select('id', 'form_schema', 'common_data_fields');
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.common_data_fields).toMatchObject({ siteAddress: '/site/street', siteMunicipality: '/site/municipality', propertyId: '/site/propertyId' });
      expect(commonDataMapProblems(row.common_data_fields, row.form_schema)).toEqual([]);
      for (const duplicate of ['projectDescription', 'siteAddress', 'siteMunicipality', 'propertyId']) expect(row.form_schema.properties).not.toHaveProperty(duplicate);
    }
  });

  it('starts with the same checks as any application: a weaker login cannot start kemikaalilupa in the project', async () => {
    const created = await api(tessa, 'POST', '/api/v1/projects', COMMON);
    expectError(await api(tessa, 'POST', `/api/v1/projects/${created.body.id}/applications`, { serviceId: 'kemikaalilupa' }), 403, 'LOA_TOO_LOW');
    expectError(await api(tessa, 'POST', `/api/v1/projects/${created.body.id}/applications`, { serviceId: 'no-such-service' }), 404, 'NOT_FOUND');
  });

  it('answers the same application to a retry with the same Idempotency-Key', async () => {
    const created = await api(tessa, 'POST', '/api/v1/projects', COMMON);
    const start = () => call(stack.baseUrl, tessa, 'POST', `/api/v1/projects/${created.body.id}/applications`, {
      body: { serviceId: 'vesitalouslupa' }, headers: { 'idempotency-key': `project-${created.body.id}` },
    });
    const first = await start();
    expect(first.status).toBe(201);
    expect(first.body.draft.form).toMatchObject({ projectName: COMMON.name, site: { municipality: 'Tampere' } });
    const retry = await start();
    expect(retry.body.applicationId).toBe(first.body.applicationId);
    expect((await api(tessa, 'GET', `/api/v1/projects/${created.body.id}`)).body.applications).toHaveLength(1);
  });

  it("answers someone else's project like a missing one, and changes nothing in it", async () => {
    const created = await api(tessa, 'POST', '/api/v1/projects', COMMON);
    const project = `/api/v1/projects/${created.body.id}`;
    expectError(await api(joni, 'GET', project), 404, 'NOT_FOUND');
    expectError(await api(joni, 'PUT', project, { ...COMMON, name: 'Joni was here' }), 404, 'NOT_FOUND');
    expectError(await api(joni, 'POST', `${project}/applications`, { serviceId: 'ymparistolupa' }), 404, 'NOT_FOUND');
    expect((await api(joni, 'GET', '/api/v1/projects')).body.map((p: { id: string }) => p.id)).not.toContain(created.body.id);
    expect((await api(tessa, 'GET', project)).body).toMatchObject({ name: COMMON.name, applications: [] });
    expectError(await api(tessa, 'GET', '/api/v1/projects/00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
  });

  it('refuses bad input with 400 naming the field, and keeps nothing of it', async () => {
    const before = (await api(tessa, 'GET', '/api/v1/projects')).body.length;
    const noName = expectError(await api(tessa, 'POST', '/api/v1/projects', { ...COMMON, name: '  ' }), 400, 'VALIDATION_FAILED');
    expect(noName.details.fields).toEqual([{ path: 'name', message: expect.any(String) }]);
    const badProperty = expectError(await api(tessa, 'POST', '/api/v1/projects', { ...COMMON, site: { ...COMMON.site, propertyId: 'x' } }), 400, 'VALIDATION_FAILED');
    expect(badProperty.details.fields).toEqual([{ path: 'site.propertyId', message: expect.stringMatching(/property identifier/) }]);
    const unknown = expectError(await api(tessa, 'POST', '/api/v1/projects', { ...COMMON, budget: 5 }), 400, 'VALIDATION_FAILED');
    expect(unknown.details.fields).toEqual([{ path: 'budget', message: 'Unknown field.' }]);
    expect((await api(tessa, 'GET', '/api/v1/projects')).body.length).toBe(before);

    const created = await api(tessa, 'POST', '/api/v1/projects', COMMON);
    const project = `/api/v1/projects/${created.body.id}`;
    const noSite = expectError(await api(tessa, 'PUT', project, { name: 'x', description: 'y' }), 400, 'VALIDATION_FAILED');
    expect(noSite.details.fields).toEqual([{ path: 'site', message: expect.any(String) }]);
    expect((await api(tessa, 'GET', project)).body.name).toBe(COMMON.name);
    expectError(await api(tessa, 'POST', `${project}/applications`, { serviceId: 'Ympäristölupa!' }), 400, 'VALIDATION_FAILED');
    expectError(await api(tessa, 'GET', '/api/v1/projects/not-a-uuid'), 400, 'VALIDATION_FAILED');
  });
});
