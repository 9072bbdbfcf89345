import { randomUUID } from 'node:crypto';
import { SERVICE } from '../../sandbox/ptv/fixtures';
import { call, expectError, type Caller } from '../api/http';
import { startTestStack, type TestStack } from '../support/stack';

const formSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { species: { type: 'string', minLength: 1 } },
  required: ['species'],
  additionalProperties: false,
};

describe('[#5] Service administrators bring services in from PTV and configure them', () => {
  let stack: TestStack;
  let hanna: Caller;   // service administrator at lvv
  let kaisa: Caller;   // handler at lvv, no admin rights

  beforeAll(async () => {
    stack = await startTestStack();
    [hanna, kaisa] = await Promise.all([stack.login('virtu', 'hanna.hallinnoija@lvv.fi'), stack.login('virtu', 'kaisa.kasittelija@lvv.fi')]);
  });
  afterAll(async () => stack?.stop());

  const api = (caller: Caller, method: string, path: string, body?: unknown) => call(stack.baseUrl, caller, method, path, { body });
  const count = async () => Number((await stack.db('permit_services').count({ n: '*' }))[0].n);

  it('refuses a PTV id that PTV does not know, naming it, and creates nothing', async () => {
    const before = await count();
    const unknown = randomUUID();
    const error = expectError(await api(hanna, 'POST', '/api/v1/admin/services', { serviceId: 'tuntematon', ptvServiceId: unknown, formSchema }), 422, 'PTV_SERVICE_UNKNOWN');
    expect(error.message).toContain(unknown);
    expect(error.details.fields).toEqual([{ path: 'ptvServiceId', message: 'Not found in PTV.' }]);
    expect(await count()).toBe(before);
  });

  it('refuses a service that is not published in PTV (a draft, an archived one), and creates nothing', async () => {
    const before = await count();
    const draft = expectError(await api(hanna, 'POST', '/api/v1/admin/services', { serviceId: 'jatesiirto', ptvServiceId: SERVICE.jatelupaDraft, formSchema }), 422, 'PTV_SERVICE_NOT_PUBLISHED');
    expect(draft.message).toContain(SERVICE.jatelupaDraft);
    expect(draft.message).toContain('Draft');
    expectError(await api(hanna, 'POST', '/api/v1/admin/services', { serviceId: 'vanha', ptvServiceId: SERVICE.archived, formSchema }), 422, 'PTV_SERVICE_UNKNOWN');
    expect(await count()).toBe(before);
  });

  it('refuses a form schema that does not compile, naming formSchema, before asking PTV', async () => {
    const answer = await api(hanna, 'POST', '/api/v1/admin/services', { serviceId: 'luonnonsuojelu', ptvServiceId: SERVICE.luonnonsuojelu, formSchema: { type: 'objekti' } });
    expect(expectError(answer, 400, 'VALIDATION_FAILED').details.fields).toEqual([{ path: 'formSchema', message: expect.stringContaining('does not compile') }]);
  });

  it('refuses another organisation\'s service and lets only administrators import', async () => {
    expectError(await api(hanna, 'POST', '/api/v1/admin/services', { serviceId: 'kemikaalit', ptvServiceId: SERVICE.kemikaalilupa, formSchema }), 403, 'FORBIDDEN');
    expectError(await api(kaisa, 'POST', '/api/v1/admin/services', { serviceId: 'luonnonsuojelu', ptvServiceId: SERVICE.luonnonsuojelu, formSchema }), 403, 'FORBIDDEN');
    expectError(await api({}, 'GET', '/api/v1/admin/services'), 401, 'NOT_AUTHENTICATED');
  });

  it('imports a published service with its names from PTV, lists it to applicants and lets the administrator configure it', async () => {
    const imported = await api(hanna, 'POST', '/api/v1/admin/services', {
      serviceId: 'luonnonsuojelu-poikkeuslupa', ptvServiceId: SERVICE.luonnonsuojelu, formSchema, requiredLoa: 'low', handlingTimeDays: 60,
    });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({
      id: 'luonnonsuojelu-poikkeuslupa', authorityId: 'lvv', handlingMode: 'portal', requiredLoa: 'low', handlingTimeDays: 60, active: true,
      names: { fi: 'Luonnonsuojelulain mukainen poikkeuslupa', sv: 'Undantagstillstånd enligt naturvårdslagen' },
      ptv: { serviceId: SERVICE.luonnonsuojelu, publishingStatus: 'Published' },
    });
    const again = await api(hanna, 'POST', '/api/v1/admin/services', { serviceId: 'toinen-nimi', ptvServiceId: SERVICE.luonnonsuojelu, formSchema });
    expect(expectError(again, 409, 'ALREADY_EXISTS').details.fields).toEqual([{ path: 'ptvServiceId', message: 'Already imported.' }]);

    const publicList = await api({}, 'GET', '/api/v1/services');
    expect(publicList.body.map((s: { id: string }) => s.id)).toContain('luonnonsuojelu-poikkeuslupa');

    const configured = await api(hanna, 'PUT', '/api/v1/admin/services/luonnonsuojelu-poikkeuslupa', {
      supplementDeadlineDays: 21, representation: { organisationRoles: ['TJ'], issueUris: [] },
    });
    expect(configured.status).toBe(200);
    expect(configured.body).toMatchObject({ supplementDeadlineDays: 21, handlingTimeDays: 60, representation: { organisationRoles: ['TJ'], issueUris: [] } });

    // The administrator pauses the service: applicants no longer see or start it, until it is switched on again.
    const paused = await api(hanna, 'PUT', '/api/v1/admin/services/luonnonsuojelu-poikkeuslupa', { enabled: false });
    expect(paused.body).toMatchObject({ enabled: false, active: false, ptv: { publishingStatus: 'Published' } });
    expect((await api({}, 'GET', '/api/v1/services')).body.map((s: { id: string }) => s.id)).not.toContain('luonnonsuojelu-poikkeuslupa');
    const applicant = await stack.login('suomifi', '010280-952L');
    expectError(await api(applicant, 'POST', '/api/v1/applications', { serviceId: 'luonnonsuojelu-poikkeuslupa' }), 422, 'SERVICE_UNAVAILABLE_FOR_APPLICATIONS');
    expect((await api(hanna, 'PUT', '/api/v1/admin/services/luonnonsuojelu-poikkeuslupa', { enabled: true })).body).toMatchObject({ enabled: true, active: true });
    expect((await api({}, 'GET', '/api/v1/services')).body.map((s: { id: string }) => s.id)).toContain('luonnonsuojelu-poikkeuslupa');

    const xroadWithout = await api(hanna, 'PUT', '/api/v1/admin/services/luonnonsuojelu-poikkeuslupa', { handlingMode: 'xroad' });
    expect(expectError(xroadWithout, 400, 'VALIDATION_FAILED').details.fields).toEqual([{ path: 'xroad', message: expect.stringContaining('X-Road') }]);
    expectError(await api(hanna, 'PUT', '/api/v1/admin/services/kemikaalilupa', { handlingTimeDays: 10 }), 404, 'NOT_FOUND');

    const mine = await api(hanna, 'GET', '/api/v1/admin/services');
    expect(mine.body.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['luonnonsuojelu-poikkeuslupa', 'ymparistolupa']));
    expect(mine.body.every((s: { authorityId: string }) => s.authorityId === 'lvv')).toBe(true);

    const logged = await stack.db('usage_log').where({ subject_ref: 'hanna.hallinnoija@lvv.fi' }).pluck('action');
    expect(logged).toEqual(expect.arrayContaining(['admin.service_import', 'admin.service_configure', 'admin.services']));
  });

  it('[#6] takes where a project\'s common data goes in the form only as pointers to string fields of its schema, naming the item', async () => {
    const put = (body: unknown) => api(hanna, 'PUT', '/api/v1/admin/services/luonnonsuojelu-poikkeuslupa', body);
    const missing = expectError(await put({ commonDataFields: { siteAddress: '/location/street', projectName: '/species' } }), 400, 'VALIDATION_FAILED');
    expect(missing.details.fields).toEqual([{ path: 'commonDataFields.siteAddress', message: expect.stringContaining('/location/street') }]);
    expectError(await put({ commonDataFields: { siteAddress: 'street' } }), 400, 'VALIDATION_FAILED');
    expect((await api(hanna, 'GET', '/api/v1/admin/services')).body.find((s: { id: string }) => s.id === 'luonnonsuojelu-poikkeuslupa').commonDataFields).toBeNull();

    expect((await put({ commonDataFields: { projectName: '/species' } })).body).toMatchObject({ commonDataFields: { projectName: '/species' } });
    // A new form schema must still have the fields the map points to.
    const withoutSpecies = { ...formSchema, properties: { area: { type: 'number' } }, required: [] };
    const orphaned = expectError(await put({ formSchema: withoutSpecies }), 400, 'VALIDATION_FAILED');
    expect(orphaned.details.fields).toEqual([{ path: 'commonDataFields.projectName', message: expect.stringContaining('/species') }]);
    expect((await put({ formSchema: withoutSpecies, commonDataFields: null })).body).toMatchObject({ commonDataFields: null, formSchema: withoutSpecies });
  });
});
