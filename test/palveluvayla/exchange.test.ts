/**
 * [#4] The two-way exchange with an authority's own case system over Suomi.fi-palveluväylä, over real
 * HTTP: API → workflow → sandbox security servers → sandbox authority system, and back through the
 * platform's provider listener (HTTPS with the security server's client certificate).
 */
import { createHash } from 'node:crypto';
import { logger } from '../../infra/logger';
import type { Caller } from '../api/http';
import type { TestStack } from '../support/stack';
import { api, authorityActs, authorityCase, caseWhen, exchangeOf, soilForm, submitApplication, timelineTypes, waitFor, startExchangeStack } from './support';

describe('[#4] Exchange with an authority system over X-Road', () => {
  let stack: TestStack;
  let tessa: Caller;
  let olli: Caller;

  beforeAll(async () => {
    ({ stack, tessa, olli } = await startExchangeStack());
  });
  afterAll(async () => stack?.stop());

  it('delivers the application, takes the acknowledgement, supplement request, status and decision back, and sends the supplement', async () => {
    const { applicationId, receipt } = await submitApplication(stack, tessa);
    expect(receipt).toMatchObject({ applicationId, contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const delivered = await caseWhen(stack, tessa, applicationId, (v) => v.status === 'DELIVERED');
    expect(delivered).toMatchObject({ status: 'DELIVERED', handlingMode: 'xroad', authorityId: 'tampere' });
    const held = await authorityCase(stack, applicationId);
    expect(held).toMatchObject({ applicationId, deliveries: 1, application: { form: soilForm(), receipt: { contentSha256: receipt.contentSha256 } } });
    expect(JSON.stringify(held.application)).not.toContain('010280-952L');

    const ack = await authorityActs(stack, applicationId, 'acknowledge');
    expect(ack).toMatchObject({ status: 200, xroadError: null });
    expect(await caseWhen(stack, tessa, applicationId, (v) => v.status === 'IN_HANDLING')).toMatchObject({ caseNumber: held.caseNumber });

    const deadline = new Date(Date.now() + 10 * 86_400_000).toISOString();
    expect(await authorityActs(stack, applicationId, 'request-supplement', { message: 'Toimittakaa maanomistajan suostumus.', deadline })).toMatchObject({ status: 200 });
    const asked = await caseWhen(stack, tessa, applicationId, (v) => v.status === 'SUPPLEMENT_REQUESTED');
    const request = asked.supplementRequests[0];
    expect(request).toMatchObject({ message: 'Toimittakaa maanomistajan suostumus.', deadline, requestedBy: { kind: 'authority-system', ref: 'FI-TEST/MUN/0211675-2/tampere-asianhallinta' } });

    const answered = await api(stack, tessa, 'POST', `/api/v1/applications/${applicationId}/supplements`, {
      requestId: request.requestId, message: 'Suostumus liitetty lomakkeelle.', form: soilForm({ landownerConsent: true }),
    });
    expect(answered.status).toBe(200);
    const withSupplement = await waitFor(async () => (await authorityCase(stack, applicationId)).supplements, (s) => s.length === 1);
    expect(withSupplement[0]).toMatchObject({ requestId: request.requestId, message: 'Suostumus liitetty lomakkeelle.', form: { landownerConsent: true } });

    expect(await authorityActs(stack, applicationId, 'status', { status: 'LAUSUNNOILLA', text: 'Hakemuksesta on pyydetty lausunnot.' })).toMatchObject({ status: 200 });
    const document = Buffer.from('Tampereen kaupunki\nPÄÄTÖS\nLupa myönnetään.\n');
    const decided = await authorityActs(stack, applicationId, 'decide', {
      outcome: 'APPROVED', text: 'Lupa myönnetään.', document: { filename: 'paatos.txt', mediaType: 'text/plain', contentBase64: document.toString('base64') },
    });
    expect(decided).toMatchObject({ status: 200 });
    const sha256 = createHash('sha256').update(document).digest('hex');
    const final = await caseWhen(stack, tessa, applicationId, (v) => v.status === 'DECIDED');
    expect(final.decision).toMatchObject({ outcome: 'APPROVED', text: 'Lupa myönnetään.', document: { filename: 'paatos.txt', sha256, sizeBytes: document.length } });
    const download = await fetch(`${stack.baseUrl}/api/v1/applications/${applicationId}/decision/document`, { headers: { cookie: tessa.cookie as string } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(download.headers.get('content-disposition')).toContain('paatos.txt');
    expect(Buffer.from(await download.arrayBuffer()).equals(document)).toBe(true);

    expect(await timelineTypes(stack, tessa, applicationId)).toEqual([
      'STARTED', 'IDENTITY_VERIFIED', 'MANDATE_CHECKED', 'DRAFT_OPENED', 'DRAFT_SAVED', 'SUBMITTED', 'DELIVERED', 'ACKNOWLEDGED',
      'SUPPLEMENT_REQUESTED', 'SUPPLEMENTED', 'AUTHORITY_STATUS', 'DECIDED',
    ]);

    const exchange = await exchangeOf(stack, olli, applicationId);
    expect(exchange.map((m) => [m.direction, m.type, m.status, m.attempts])).toEqual([
      ['outbound', 'application', 'delivered', 1],
      ['inbound', 'acknowledgement', 'applied', 1],
      ['inbound', 'supplement-request', 'applied', 1],
      ['outbound', 'supplement', 'delivered', 1],
      ['inbound', 'status', 'applied', 1],
      ['inbound', 'decision', 'applied', 1],
    ]);
    for (const m of exchange) expect(m).toMatchObject({ applicationId, bodySha256: expect.stringMatching(/^[0-9a-f]{64}$/), completedAt: expect.any(String) });
    const usage = await stack.db('usage_log').where({ action: 'operator.exchange', application_id: applicationId });
    expect(usage).toHaveLength(1);
  });

  it('sends a withdrawal to the authority system, after which the case takes no more messages', async () => {
    const { applicationId } = await submitApplication(stack, tessa);
    await caseWhen(stack, tessa, applicationId, (v) => v.status === 'DELIVERED');
    const withdrawn = await api(stack, tessa, 'POST', `/api/v1/applications/${applicationId}/withdraw`, { reason: 'Hanke peruttu.' });
    expect(withdrawn.body).toMatchObject({ status: 'CLOSED', closeReason: 'WITHDRAWN' });
    const held = await waitFor(() => authorityCase(stack, applicationId), (c) => c.withdrawal !== null);
    expect(held.withdrawal).toMatchObject({ reason: 'Hanke peruttu.' });
    expect((await exchangeOf(stack, olli, applicationId)).map((m) => [m.type, m.status])).toEqual([['application', 'delivered'], ['withdrawal', 'delivered']]);
  });

  it('ends a message the authority system refuses for good in a clear state, without retrying it, and alerts operators', async () => {
    await fetch(`${stack.xroad.sandbox.urls.authoritySystem}/_control/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refuseApplications: true }) });
    const warn = jest.spyOn(logger, 'warn');
    try {
      const { applicationId } = await submitApplication(stack, tessa);
      await waitFor(() => timelineTypes(stack, tessa, applicationId), (t) => t.includes('EXCHANGE_FAILED'));
      const alerts = warn.mock.calls.map(([fields]) => fields as Record<string, unknown>).filter((f) => f.application_id === applicationId);
      expect(alerts).toEqual([expect.objectContaining({ event: 'exchange_failed', authority_id: 'tampere' })]);
      const view = (await api(stack, tessa, 'GET', `/api/v1/applications/${applicationId}`)).body;
      expect(view.status).toBe('SUBMITTED');
      const timeline = (await api(stack, tessa, 'GET', `/api/v1/applications/${applicationId}/timeline`)).body;
      // The applicant reads a plain sentence; what the authority system answered is for operators (the exchange log).
      expect(timeline.at(-1)).toMatchObject({ type: 'EXCHANGE_FAILED', data: { messageType: 'application', reason: expect.stringContaining('did not accept the application') } });
      expect(JSON.stringify(timeline.at(-1))).not.toContain('schema');
      expect((await exchangeOf(stack, olli, applicationId))[0]).toMatchObject({ type: 'application', status: 'failed', attempts: 1, lastError: expect.stringContaining('422') });
      expect(await authorityCase(stack, applicationId)).toBeNull();

      // The authority never had the application: withdrawing it sends nothing there and raises no second alert.
      const withdrawn = await api(stack, tessa, 'POST', `/api/v1/applications/${applicationId}/withdraw`, { reason: 'Ei tarvita.' });
      expect(withdrawn.body).toMatchObject({ status: 'CLOSED', closeReason: 'WITHDRAWN' });
      await stack.client.workflow.getHandle(applicationId).result();
      expect((await exchangeOf(stack, olli, applicationId)).map((m) => [m.type, m.status])).toEqual([['application', 'failed']]);
      expect((await timelineTypes(stack, tessa, applicationId)).filter((t) => t === 'EXCHANGE_FAILED')).toHaveLength(1);
    } finally {
      warn.mockRestore();
      await fetch(`${stack.xroad.sandbox.urls.authoritySystem}/_control/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refuseApplications: false }) });
    }
  });
});

