/**
 * [#4] Exactly once over an exchange that promises nothing (specs/xroad.md A8): a duplicated
 * acknowledgement, a send that fails after the authority stored it, a platform restart between the
 * send and the answer, and a stray copy arriving late (issue 7's chaos run). In each, the authority holds
 * the application once and the case moves once.
 */
import { createActivities } from '../../activities';
import { createPtvDeps } from '../../activities/ptv';
import { loadPtvConfig } from '../../activities/ptv/config';
import { logger } from '../../infra/logger';
import { connectWorker } from '../../infra/temporal/connection';
import { createWorker } from '../../workers/worker';
import type { Caller } from '../api/http';
import { testCoreConfig } from '../support/env';
import type { TestStack } from '../support/stack';
import { authorityActs, authorityCase, caseWhen, control, exchangeOf, startExchangeStack, submitApplication, timelineTypes, waitFor } from './support';

const once = (types: string[], type: string) => types.filter((t) => t === type).length;

describe('[#4] Every exchange takes effect exactly once', () => {
  let stack: TestStack;
  let tessa: Caller;
  let olli: Caller;

  beforeAll(async () => {
    ({ stack, tessa, olli } = await startExchangeStack());
  });
  afterEach(async () => {
    for (const ss of [stack.xroad.sandbox.urls.platformSecurityServer, stack.xroad.sandbox.urls.authoritySecurityServer]) await control(ss, 'DELETE', '/_control/faults');
  });
  afterAll(async () => stack?.stop());

  it('moves the case once when the authority\'s acknowledgement arrives twice, with one inbox row', async () => {
    const { applicationId } = await submitApplication(stack, tessa);
    await caseWhen(stack, tessa, applicationId, (v) => v.status === 'DELIVERED');
    await control(stack.xroad.sandbox.urls.authoritySecurityServer, 'POST', '/_control/faults', { mode: 'duplicate', pathContains: '/acknowledgement' });

    const ack = await authorityActs(stack, applicationId, 'acknowledge', { caseNumber: 'TRE/0042/2026' });
    expect(ack).toMatchObject({ status: 200, body: { applied: 'acknowledgement' } });
    // The authority system, unsure, sends it once more itself: the same answer, nothing more.
    const again = await authorityActs(stack, applicationId, 'acknowledge', { caseNumber: 'TRE/0042/2026', messageId: ack.messageId });
    expect(again).toMatchObject({ status: 200, body: ack.body });

    expect(await caseWhen(stack, tessa, applicationId, (v) => v.status === 'IN_HANDLING')).toMatchObject({ caseNumber: 'TRE/0042/2026' });
    expect(once(await timelineTypes(stack, tessa, applicationId), 'ACKNOWLEDGED')).toBe(1);
    const inbound = (await exchangeOf(stack, olli, applicationId)).filter((m) => m.direction === 'inbound');
    expect(inbound).toEqual([expect.objectContaining({ id: ack.messageId, type: 'acknowledgement', status: 'applied', attempts: 3 })]);
  });

  it('retries a send that failed after the authority stored it with the same X-Road-Id: stored once, DELIVERED once', async () => {
    await control(stack.xroad.sandbox.urls.platformSecurityServer, 'POST', '/_control/faults', { mode: 'fail-after-delivery', pathContains: '/applications' });
    const { applicationId } = await submitApplication(stack, tessa);

    const delivered = await caseWhen(stack, tessa, applicationId, (v) => v.status === 'DELIVERED');
    expect(delivered.status).toBe('DELIVERED');
    const held = await authorityCase(stack, applicationId);
    // Two deliveries of one message: the authority stored the application once.
    expect(held).toMatchObject({ deliveries: 2, messageIds: [expect.any(String)] });
    const [outbound] = await exchangeOf(stack, olli, applicationId);
    expect(outbound).toMatchObject({ id: held.messageIds[0], type: 'application', status: 'delivered', attempts: 2 });
    const sent = (await control(stack.xroad.sandbox.urls.platformSecurityServer, 'GET', '/_control/log')).filter((m: { messageId: string }) => m.messageId === outbound.id);
    expect(sent.map((m: { status: number; fault: string | null }) => [m.status, m.fault])).toEqual([[500, 'fail-after-delivery'], [200, null]]); // 200: the authority recognised the repeat
    expect(once(await timelineTypes(stack, tessa, applicationId), 'DELIVERED')).toBe(1);
  });

  it('[#7] a stray copy of the application reaching the authority late is held once; a late supplement request changes nothing after the answer', async () => {
    await control(stack.xroad.sandbox.urls.platformSecurityServer, 'POST', '/_control/faults', { mode: 'duplicate-late', pathContains: '/applications', delayMs: 1500 });
    const { applicationId } = await submitApplication(stack, tessa);
    await caseWhen(stack, tessa, applicationId, (v) => v.status === 'DELIVERED');
    await authorityActs(stack, applicationId, 'acknowledge', { caseNumber: 'TRE/0777/2026' });

    // The authority's supplement request arrives, and its stray copy 2 s later, after the applicant answered.
    await control(stack.xroad.sandbox.urls.authoritySecurityServer, 'POST', '/_control/faults', { mode: 'duplicate-late', pathContains: '/supplement-request', delayMs: 2000 });
    const request = await authorityActs(stack, applicationId, 'request-supplement', { message: 'Maanomistajan suostumus, kiitos.', deadline: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    expect(request).toMatchObject({ status: 200 });
    const asked = await caseWhen(stack, tessa, applicationId, (v) => v.status === 'SUPPLEMENT_REQUESTED');
    const answered = await fetch(`${stack.baseUrl}/api/v1/applications/${applicationId}/supplements`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: tessa.cookie as string, 'x-csrf-token': tessa.csrfToken as string },
      body: JSON.stringify({ requestId: asked.supplementRequests[0].requestId, message: 'Suostumus liitteenä.' }),
    });
    expect(answered.status).toBe(200);

    // Both stray copies have arrived: the authority got three deliveries (the application, its copy, the answer) and stored two messages.
    const held = await waitFor(() => authorityCase(stack, applicationId), (c) => c.deliveries >= 3 && c.supplements.length === 1, 10_000);
    expect(held.messageIds).toHaveLength(2); // the application and the supplement answer
    const inbound = await waitFor(() => exchangeOf(stack, olli, applicationId), (messages) => messages.some((m) => m.type === 'supplement-request' && m.attempts >= 2), 10_000);
    expect(inbound.filter((m) => m.direction === 'inbound' && m.type === 'supplement-request')).toEqual([expect.objectContaining({ id: request.messageId, status: 'applied' })]);
    const view = await caseWhen(stack, tessa, applicationId, (v) => v.status === 'IN_HANDLING');
    expect(view.supplementRequests).toHaveLength(1);
    expect(view.supplementRequests[0].answeredAt).toEqual(expect.any(String));
    const types = await timelineTypes(stack, tessa, applicationId);
    expect([once(types, 'SUPPLEMENT_REQUESTED'), once(types, 'SUPPLEMENTED'), once(types, 'DELIVERED')]).toEqual([1, 1, 1]);
  });

  it('loses and doubles nothing when the platform restarts between the send and the answer', async () => {
    // The application is on its way (the platform's security server holds it 1.5 s) when the worker goes down.
    await control(stack.xroad.sandbox.urls.platformSecurityServer, 'POST', '/_control/faults', { mode: 'delay', delayMs: 1500, pathContains: '/applications' });
    const { applicationId } = await submitApplication(stack, tessa);
    await new Promise((r) => setTimeout(r, 500));
    await stack.stopWorker();
    await stack.xroad.stopProvider();

    // While the platform is down, the authority system got the application and answers: the answer does not get through.
    const held = await waitFor(() => authorityCase(stack, applicationId), (c) => c !== null);
    const lost = await authorityActs(stack, applicationId, 'acknowledge');
    expect(lost).toMatchObject({ status: 500, xroadError: 'server.serverproxy.service_failed' });

    // The platform comes back: the send is retried with the same X-Road-Id, and the authority sends its answer again.
    await stack.xroad.startProvider();
    const config = testCoreConfig({ TEMPORAL_TASK_QUEUE: stack.taskQueue });
    const connection = await connectWorker(config);
    const worker = await createWorker({
      connection, config, activities: createActivities({ db: stack.db, logger, ptv: createPtvDeps(loadPtvConfig()), palveluvayla: stack.xroad.client, notifications: stack.notifications }),
    });
    const running = worker.run();
    try {
      await caseWhen(stack, tessa, applicationId, (v) => v.status === 'DELIVERED');
      const answer = await authorityActs(stack, applicationId, 'acknowledge', { messageId: lost.messageId });
      expect(answer).toMatchObject({ status: 200 });
      expect(await caseWhen(stack, tessa, applicationId, (v) => v.status === 'IN_HANDLING')).toMatchObject({ caseNumber: held.caseNumber });
      const types = await timelineTypes(stack, tessa, applicationId);
      expect([once(types, 'DELIVERED'), once(types, 'ACKNOWLEDGED')]).toEqual([1, 1]);
      // However often the application arrived (the worker drains its send on the way down), it came with one X-Road-Id and is held once.
      const final = await authorityCase(stack, applicationId);
      const exchange = await exchangeOf(stack, olli, applicationId);
      expect(final).toMatchObject({ messageIds: [exchange[0].id], deliveries: exchange[0].attempts });
      expect(exchange.map((m) => [m.direction, m.type, m.status])).toEqual([['outbound', 'application', 'delivered'], ['inbound', 'acknowledgement', 'applied']]);
      expect(exchange[1]).toMatchObject({ id: lost.messageId, attempts: 1 });
    } finally {
      worker.shutdown();
      await running;
      await connection.close();
    }
  });
});
