/**
 * [#4] Bad input to the platform's X-Road provider service: each refusal is in the X-Road error format
 * (JSON, or XML when asked), says what was wrong, and changes nothing in the case.
 */
import { randomUUID } from 'node:crypto';
import https from 'node:https';
import { generateSelfSignedCertificate } from '../../infra/x509';
import { restPath } from '../../infra/xroad/ids';
import type { Caller } from '../api/http';
import type { TestStack } from '../support/stack';
import { api, authorityActs, caseWhen, exchangeOf, submitApplication, timelineTypes, startExchangeStack } from './support';

const PLATFORM_SERVICE = 'FI-TEST/GOV/1234567-1/lupaflow/viranomaisviestit';
const AUTHORITY_CLIENT = 'FI-TEST/MUN/0211675-2/tampere-asianhallinta';

describe('[#4] The provider service refuses bad input in the X-Road error format', () => {
  let stack: TestStack;
  let tessa: Caller;
  let olli: Caller;
  let target: string;
  let before: string[];

  /** A message as the authority system would send it, through its own security server. */
  async function send(path: string, opts: { client?: string; body?: unknown; rawBody?: string; accept?: string; messageId?: string; service?: string } = {}) {
    const res = await fetch(`${stack.xroad.sandbox.urls.authoritySecurityServer}${restPath(opts.service ?? PLATFORM_SERVICE, path)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: opts.accept ?? 'application/json', 'x-road-client': opts.client ?? AUTHORITY_CLIENT, 'x-road-id': opts.messageId ?? randomUUID() },
      body: opts.rawBody ?? JSON.stringify(opts.body ?? {}),
    });
    const text = await res.text();
    return { status: res.status, xroadError: res.headers.get('x-road-error'), type: res.headers.get('content-type'), text, body: text.startsWith('{') ? JSON.parse(text) : text };
  }

  beforeAll(async () => {
    ({ stack, tessa, olli } = await startExchangeStack());
    target = (await submitApplication(stack, tessa)).applicationId;
    await caseWhen(stack, tessa, target, (v) => v.status === 'DELIVERED');
    before = await timelineTypes(stack, tessa, target);
  });
  afterAll(async () => {
    // Nothing above changed the case; the only inbound row is the refused decision, kept in the disclosure log.
    expect(await timelineTypes(stack, tessa, target)).toEqual(before);
    expect((await exchangeOf(stack, olli, target)).filter((m) => m.direction === 'inbound').map((m) => [m.type, m.status])).toEqual([['decision', 'refused']]);
    await stack?.stop();
  });

  it('refuses an unknown path of the service, and the security server refuses an unknown service', async () => {
    const path = await send(`/cases/${target}/approval`, { body: {} });
    expect(path).toMatchObject({ status: 404, xroadError: null, body: { type: 'client.unknown_service', message: expect.stringContaining('/cases/{applicationId}/'), detail: expect.any(String) } });
    const service = await send(`/cases/${target}/acknowledgement`, { service: 'FI-TEST/GOV/1234567-1/lupaflow/tuntematon', body: { caseNumber: 'TRE/1/2026' } });
    expect(service).toMatchObject({ status: 400, xroadError: 'client.unknown_service', body: { type: 'client.unknown_service', message: expect.stringContaining('tuntematon') } });
  });

  it('refuses a client that may not send: by the security server\'s access rights and by the case\'s allow-list', async () => {
    const byAcl = await send(`/cases/${target}/acknowledgement`, { client: 'FI-TEST/MUN/0211675-2/tampere-lupa', body: { caseNumber: 'TRE/1/2026' } });
    expect(byAcl).toMatchObject({ status: 400, xroadError: 'client.access_denied', body: { message: expect.stringContaining('tampere-lupa') } });
    // A security server that let another client through still meets the case's own allow-list.
    const direct = await fetch(`${stack.xroad.provider.urls.http}/cases/${target}/acknowledgement`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-road-client': 'FI-TEST/MUN/0211675-2/muu-jarjestelma', 'x-road-id': randomUUID() },
      body: JSON.stringify({ caseNumber: 'TRE/1/2026' }),
    });
    expect(direct.status).toBe(403);
    expect(await direct.json()).toMatchObject({ type: 'client.access_denied', message: expect.stringContaining('muu-jarjestelma') });
  });

  it('refuses a malformed, non-JSON or oversized body, naming what is wrong', async () => {
    const empty = await send(`/cases/${target}/acknowledgement`, { body: { caseNumber: '' } });
    expect(empty).toMatchObject({ status: 400, body: { type: 'client.bad_request', message: expect.stringContaining('caseNumber') } });
    const extra = await send(`/cases/${target}/supplement-request`, { body: { message: 'Lisäselvitys.', deadline: 'huomenna' } });
    expect(extra).toMatchObject({ status: 400, body: { message: expect.stringContaining('deadline') } });
    const notJson = await send(`/cases/${target}/acknowledgement`, { rawBody: '{"caseNumber":' });
    expect(notJson).toMatchObject({ status: 400, body: { type: 'client.bad_request', message: expect.stringContaining('not valid JSON') } });
    const huge = await send(`/cases/${target}/status`, { body: { status: 'X', text: 'x'.repeat(300 * 1024) } });
    expect(huge).toMatchObject({ status: 413, body: { type: 'client.bad_request', message: expect.stringContaining('too large') } });
    const badDocument = await send(`/cases/${target}/decision`, { body: { outcome: 'APPROVED', text: 'Myönnetään.', document: { filename: '../etc/passwd', mediaType: 'text/plain', contentBase64: 'eA==' } } });
    expect(badDocument).toMatchObject({ status: 400, body: { message: expect.stringContaining('document.filename') } });
  });

  it('refuses a message for an unknown or a closed case, in XML when the caller asks for XML', async () => {
    const unknown = await send('/cases/LV-2026-999999/acknowledgement', { body: { caseNumber: 'TRE/1/2026' }, accept: 'text/xml' });
    expect(unknown.status).toBe(404);
    expect(unknown.type).toMatch(/^text\/xml/);
    expect(unknown.text).toMatch(/<error><type>client\.unknown_case<\/type><message>There is no case LV-2026-999999\.<\/message><detail>[^<]+<\/detail><\/error>/);

    const { applicationId: closed } = await submitApplication(stack, tessa);
    await caseWhen(stack, tessa, closed, (v) => v.status === 'DELIVERED');
    const status = await authorityActs(stack, closed, 'status', { status: 'VIREILLÄ', text: 'Hakemus on kirjattu.' });
    expect(status.status).toBe(200);
    await api(stack, tessa, 'POST', `/api/v1/applications/${closed}/withdraw`, {});
    const late = await send(`/cases/${closed}/acknowledgement`, { body: { caseNumber: 'TRE/1/2026' } });
    expect(late).toMatchObject({ status: 409, body: { type: 'client.case_closed', message: expect.stringContaining('closed') } });
    // The authority system did not get the answer to its status message before the case closed: a repeat gets that answer, nothing more.
    const repeat = await authorityActs(stack, closed, 'status', { status: 'VIREILLÄ', text: 'Hakemus on kirjattu.', messageId: status.messageId });
    expect(repeat).toMatchObject({ status: 200, body: status.body });
    const inbound = (await exchangeOf(stack, olli, closed)).filter((m) => m.direction === 'inbound');
    expect(inbound).toEqual([expect.objectContaining({ id: status.messageId, type: 'status', status: 'applied', attempts: 2 })]);
    expect((await timelineTypes(stack, tessa, closed)).filter((t) => t === 'AUTHORITY_STATUS')).toHaveLength(1);
  });

  it('refuses a step the case does not allow now, and an X-Road-Id reused for other content', async () => {
    const early = await send(`/cases/${target}/decision`, { body: { outcome: 'APPROVED', text: 'Myönnetään.', document: { filename: 'p.txt', mediaType: 'text/plain', contentBase64: 'eA==' } } });
    expect(early).toMatchObject({ status: 409, body: { type: 'client.transition_not_allowed', message: expect.stringContaining('DELIVERED') } });

    const { applicationId } = await submitApplication(stack, tessa);
    await caseWhen(stack, tessa, applicationId, (v) => v.status === 'DELIVERED');
    const first = await authorityActs(stack, applicationId, 'acknowledge', { caseNumber: 'TRE/0007/2026' });
    expect(first.status).toBe(200);
    const reused = await authorityActs(stack, applicationId, 'acknowledge', { caseNumber: 'TRE/0008/2026', messageId: first.messageId });
    expect(reused).toMatchObject({ status: 409, body: { type: 'client.message_id_reused' } });
    expect(await caseWhen(stack, tessa, applicationId, (v) => v.status === 'IN_HANDLING')).toMatchObject({ caseNumber: 'TRE/0007/2026' });
  });

  it('lets only the security server\'s certificate in over HTTPS, and publishes its OpenAPI description through it', async () => {
    const tryTls = (cert?: { keyPem: string; certPem: string }) => new Promise<number | string>((resolve) => {
      const req = https.request(`${stack.xroad.provider.urls.https}/openapi.json`, { rejectUnauthorized: false, key: cert?.keyPem, cert: cert?.certPem }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', (err) => resolve(err.message));
      req.end();
    });
    expect(typeof await tryTls()).toBe('string');
    expect(typeof await tryTls(generateSelfSignedCertificate('not the security server', 1, 1024))).toBe('string');

    const published = await fetch(`${stack.xroad.sandbox.urls.authoritySecurityServer}/r1/FI-TEST/GOV/1234567-1/lupaflow/getOpenAPI?serviceCode=viranomaisviestit`, { headers: { 'x-road-client': AUTHORITY_CLIENT } });
    const doc = await published.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(['/cases/{applicationId}/acknowledgement', '/cases/{applicationId}/supplement-request', '/cases/{applicationId}/status', '/cases/{applicationId}/decision']);
  });
});
