/**
 * [#6] Attachments in the X-Road exchange: each file follows its application (or supplement answer) in
 * a message of its own, with a stable X-Road-Id; the sandbox authority system checks its SHA-256 and
 * keeps it once, also when the send is repeated after the authority already stored it.
 */
import { createHash } from 'node:crypto';
import type { Caller } from '../api/http';
import { pdf, upload } from '../support/attachments';
import type { TestStack } from '../support/stack';
import { api, authorityActs, authorityCase, caseWhen, control, exchangeOf, soilForm, startExchangeStack, waitFor, XROAD_SERVICE_ID } from './support';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('[#6] Attachments reach the authority system over X-Road exactly once', () => {
  let stack: TestStack;
  let tessa: Caller;
  let olli: Caller;

  beforeAll(async () => {
    ({ stack, tessa, olli } = await startExchangeStack());
  });
  afterAll(async () => stack?.stop());

  async function draftWithFile(file: Buffer): Promise<{ id: string; version: number; attachment: any }> {
    const started = await api(stack, tessa, 'POST', '/api/v1/applications', { serviceId: XROAD_SERVICE_ID, language: 'fi' });
    const id = started.body.applicationId;
    const saved = await api(stack, tessa, 'PUT', `/api/v1/applications/${id}/draft`, { form: soilForm() });
    const added = await upload(stack.baseUrl, tessa, id, { type: 'muu', filename: 'kartta.pdf', mediaType: 'application/pdf', body: file });
    expect(added.status).toBe(201);
    return { id, version: saved.body.draft.version, attachment: added.body };
  }

  it('sends the file after the application, which names it; the authority gets it once, with the right SHA-256, though the first send seemed to fail', async () => {
    await control(stack.xroad.sandbox.urls.platformSecurityServer, 'POST', '/_control/faults', { mode: 'fail-after-delivery', pathContains: '/attachments' });
    const file = pdf(300 * 1024, 'k');
    const { id, version, attachment } = await draftWithFile(file);
    expect((await api(stack, tessa, 'POST', `/api/v1/applications/${id}/submit`, { draftVersion: version })).status).toBe(200);

    const held = await waitFor(() => authorityCase(stack, id), (c) => c?.attachments?.length === 1);
    const { uploadedAt: _at, ...ref } = attachment;
    expect(held.application.attachments).toEqual([ref]);
    expect(held.attachments).toEqual([{ ...ref, sha256: sha256(file), receivedAt: expect.any(String) }]);
    // The send was repeated with its X-Road-Id after the authority had stored the file: kept once.
    const outbound = await waitFor(() => exchangeOf(stack, olli, id), (m) => m.some((x) => x.type === 'attachment' && x.status === 'delivered'));
    const sent = outbound.filter((m) => m.type === 'attachment');
    expect(sent).toEqual([expect.objectContaining({ status: 'delivered', attempts: 2 })]);
    const after = await authorityCase(stack, id);
    expect(after.messageIds).toEqual([expect.any(String), sent[0].id]);
    expect(after.deliveries).toBe(3);
    expect(after.attachments).toEqual(held.attachments);
    expect(JSON.stringify(outbound)).not.toContain(file.toString('base64').slice(0, 100));
  });

  it('sends no file after an application the authority system refused for good', async () => {
    await control(stack.xroad.sandbox.urls.authoritySystem, 'PUT', '/_control/settings', { refuseApplications: true });
    try {
      const { id, version } = await draftWithFile(pdf(1024));
      await api(stack, tessa, 'POST', `/api/v1/applications/${id}/submit`, { draftVersion: version });
      const types = await waitFor(async () => (await api(stack, tessa, 'GET', `/api/v1/applications/${id}/timeline`)).body.map((e: any) => e.type), (t) => t.includes('EXCHANGE_FAILED'));
      expect(types.filter((t: string) => t === 'EXCHANGE_FAILED')).toHaveLength(1);
      // Give a wrongly queued send time to show up: only the application was ever sent.
      await new Promise((r) => setTimeout(r, 1000));
      expect((await exchangeOf(stack, olli, id)).map((m) => [m.type, m.status])).toEqual([['application', 'failed']]);
      expect(await authorityCase(stack, id)).toBeNull();
    } finally {
      await control(stack.xroad.sandbox.urls.authoritySystem, 'PUT', '/_control/settings', { refuseApplications: false });
    }
  });

  it('sends no file whose stored bytes are not what the case sealed, and the exchange log says so', async () => {
    const { id, version, attachment } = await draftWithFile(pdf(2048, 't'));
    const { blob_key: blobKey } = await stack.db('attachments').where({ id: attachment.id }).first('blob_key');
    await stack.db('blob_chunks').where({ blob_key: blobKey }).update({ data: pdf(2048, 'x') });
    expect((await api(stack, tessa, 'POST', `/api/v1/applications/${id}/submit`, { draftVersion: version })).status).toBe(200);

    const failed = await waitFor(async () => (await api(stack, tessa, 'GET', `/api/v1/applications/${id}/timeline`)).body.filter((e: any) => e.type === 'EXCHANGE_FAILED'), (f) => f.length > 0);
    expect(failed).toEqual([expect.objectContaining({ data: expect.objectContaining({ messageType: 'attachment' }) })]);
    expect((await exchangeOf(stack, olli, id)).map((m) => [m.type, m.status])).toEqual([['application', 'delivered'], ['attachment', 'failed']]);
    expect((await authorityCase(stack, id)).attachments).toEqual([]);
  });

  it('sends a file added while answering a supplement request with the answer, and keeps the submitted file in the case', async () => {
    const first = pdf(2048, 'a');
    const { id, version, attachment } = await draftWithFile(first);
    await api(stack, tessa, 'POST', `/api/v1/applications/${id}/submit`, { draftVersion: version });
    await caseWhen(stack, tessa, id, (v) => v.status === 'DELIVERED');
    await authorityActs(stack, id, 'acknowledge');
    await caseWhen(stack, tessa, id, (v) => v.status === 'IN_HANDLING');
    await authorityActs(stack, id, 'request-supplement', { message: 'Toimittakaa maanomistajan suostumus.', deadline: new Date(Date.now() + 10 * 86_400_000).toISOString() });
    const asked = await caseWhen(stack, tessa, id, (v) => v.status === 'SUPPLEMENT_REQUESTED');

    const consent = pdf(4096, 'c');
    const added = await upload(stack.baseUrl, tessa, id, { type: 'muu', filename: 'suostumus.pdf', mediaType: 'application/pdf', body: consent });
    expect(added.status).toBe(201);
    const keep = await api(stack, tessa, 'DELETE', `/api/v1/applications/${id}/attachments/${attachment.id}`);
    expect(keep.status).toBe(409);
    const answered = await api(stack, tessa, 'POST', `/api/v1/applications/${id}/supplements`, { requestId: asked.supplementRequests[0].requestId, message: 'Suostumus liitteenä.' });
    expect(answered.status).toBe(200);

    const held = await waitFor(() => authorityCase(stack, id), (c) => c?.attachments?.length === 2);
    const { uploadedAt: _at, ...ref } = added.body;
    expect(held.supplements[0].attachments).toEqual([ref]);
    expect(held.attachments.map((a: any) => [a.id, a.sha256])).toEqual([[attachment.id, sha256(first)], [ref.id, sha256(consent)]]);
  });
});
