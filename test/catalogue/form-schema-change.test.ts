import { randomUUID } from 'node:crypto';
import { call, expectError, type Caller } from '../api/http';
import { startTestStack, type TestStack } from '../support/stack';
import { DEFAULT_ATTACHMENT_SETTINGS } from '../../workflows/application/messages';

const schema = (required: string[]) => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: { species: { type: 'string', minLength: 1 }, ...(required.includes('area') ? { area: { type: 'number' } } : {}) },
  required,
  additionalProperties: false,
});

describe('[#5] A form schema an administrator changes applies to new applications; running ones keep theirs', () => {
  let stack: TestStack;
  let hanna: Caller;   // service administrator at lvv
  let tessa: Caller;
  const serviceId = `lomake-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    stack = await startTestStack();
    [hanna, tessa] = await Promise.all([stack.login('virtu', 'hanna.hallinnoija@lvv.fi'), stack.login('suomifi', '010280-952L')]);
    // A service of lvv that no other test reads (not linked to PTV).
    const template = await stack.db('permit_services').where({ id: 'ymparistolupa' }).first();
    await stack.db('permit_services').insert({
      ...template, id: serviceId, form_schema: JSON.stringify(schema(['species'])), representation: JSON.stringify(template.representation),
      names: JSON.stringify(template.names), descriptions: JSON.stringify(template.descriptions),
      // No required attachment: this test is about the form schema.
      attachment_media_types: JSON.stringify(template.attachment_media_types), attachment_types: JSON.stringify(DEFAULT_ATTACHMENT_SETTINGS.types),
      common_data_fields: null, ptv_service_id: null, ptv_organisation_id: null, publishing_status: null, synced_at: null, ptv_modified: null, created_at: new Date(), updated_at: new Date(),
    });
  });
  afterAll(async () => stack?.stop());

  const api = (caller: Caller, method: string, path: string, body?: unknown) => call(stack.baseUrl, caller, method, path, { body });
  const draft = async (form: Record<string, unknown>) => {
    const started = await api(tessa, 'POST', '/api/v1/applications', { serviceId });
    expect(started.status).toBe(201);
    const saved = await api(tessa, 'PUT', `/api/v1/applications/${started.body.applicationId}/draft`, { form });
    expect(saved.status).toBe(200);
    return { id: started.body.applicationId as string, version: saved.body.draft.version as number };
  };

  it('submits a draft started before the change as its own schema says, and holds a new one to the new schema', async () => {
    const before = await draft({ species: 'kuusi' });
    const changed = await api(hanna, 'PUT', `/api/v1/admin/services/${serviceId}`, { formSchema: schema(['species', 'area']) });
    expect(changed.status).toBe(200);

    const submitted = await api(tessa, 'POST', `/api/v1/applications/${before.id}/submit`, { draftVersion: before.version });
    expect(submitted.status).toBe(200);
    expect(submitted.body.contentSha256).toMatch(/^[0-9a-f]{64}$/);

    const after = await draft({ species: 'mänty' });
    const refused = expectError(await api(tessa, 'POST', `/api/v1/applications/${after.id}/submit`, { draftVersion: after.version }), 400, 'FORM_REJECTED');
    expect(JSON.stringify(refused.details)).toContain('area');
  });
});
