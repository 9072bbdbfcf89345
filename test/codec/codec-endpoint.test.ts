/**
 * [#6] The Temporal Web UI's codec endpoint: operators read a real case's payloads decrypted through
 * it, from the UI's origin with their session cookie; nobody else, and no other origin.
 */
import type { Payload } from '@temporalio/common';
import { payloadToJSON } from '@temporalio/common/lib/proto-utils';
import { call, expectError, type Caller } from '../api/http';
import { completeDraft } from '../support/cases';
import { startTestStack, type TestStack } from '../support/stack';

const UI_ORIGIN = 'http://localhost:8233';

describe('[#6] The codec endpoint for the Temporal Web UI', () => {
  let stack: TestStack;
  let tessa: Caller;
  let kaisa: Caller;
  let olli: Caller;
  let applicationId: string;
  let encrypted: ReturnType<typeof payloadToJSON>;

  beforeAll(async () => {
    stack = await startTestStack();
    [tessa, kaisa, olli] = await Promise.all([
      stack.login('suomifi', '010280-952L'), stack.login('virtu', 'kaisa.kasittelija@lvv.fi'), stack.login('virtu', 'olli.operaattori@lvv.fi'),
    ]);
    ({ id: applicationId } = await completeDraft(stack.baseUrl, tessa));
    // What the Web UI gets from Temporal: the workflow's input as stored, encrypted.
    const history = await stack.client.workflow.getHandle(applicationId).fetchHistory();
    const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    encrypted = payloadToJSON(input as Payload);
  }, 60_000);
  afterAll(async () => stack?.stop());

  /** A call as the Web UI makes it: from its origin, with the browser's cookie, no CSRF token. */
  const fromUi = (caller: Caller, path: string, body: unknown, origin = UI_ORIGIN) =>
    call(stack.baseUrl, caller, 'POST', path, { body, withoutCsrf: true, headers: { origin, 'x-namespace': 'default' } });
  const text = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

  it('decrypts a real case\'s payloads for an operator, and logs who did', async () => {
    expect(text(encrypted.metadata!.encoding)).toBe('binary/encrypted');
    expect(text(encrypted.data!)).not.toContain(applicationId);

    const answer = await fromUi(olli, '/codec/decode', { payloads: [encrypted] });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
    const [decoded] = answer.body.payloads;
    expect(text(decoded.metadata.encoding)).toBe('json/plain');
    expect(JSON.parse(text(decoded.data))).toMatchObject({ applicationId, serviceId: 'ymparistolupa' });

    const logged = await stack.db('usage_log').where({ action: 'operator.codec_decode' });
    expect(logged).toEqual(expect.arrayContaining([expect.objectContaining({ display_name: expect.stringContaining('Olli'), purpose: 'operations: Temporal Web UI' })]));
  });

  it('passes payloads that were never encrypted through unchanged, and encodes what it decodes back', async () => {
    const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('"hello"').toString('base64') };
    expect((await fromUi(olli, '/codec/decode', { payloads: [plain] })).body).toEqual({ payloads: [plain] });

    const encoded = await fromUi(olli, '/codec/encode', { payloads: [plain] });
    expect(encoded.status).toBe(200);
    expect(text(encoded.body.payloads[0].metadata.encoding)).toBe('binary/encrypted');
    expect((await fromUi(olli, '/codec/decode', encoded.body)).body).toEqual({ payloads: [plain] });
  });

  it('decodes a payload as large as Temporal keeps (far above the API\'s JSON body limit)', async () => {
    const big = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from(JSON.stringify('x'.repeat(1_500_000))).toString('base64') };
    const encoded = await fromUi(olli, '/codec/encode', { payloads: [big] });
    expect(encoded.status).toBe(200);
    const decoded = await fromUi(olli, '/codec/decode', encoded.body);
    expect(decoded.status).toBe(200);
    expect(decoded.body).toEqual({ payloads: [big] });
  });

  it('refuses anyone but an operator: 401 without a session, 403 for an applicant or an official', async () => {
    expectError(await fromUi({}, '/codec/decode', { payloads: [encrypted] }), 401, 'NOT_AUTHENTICATED');
    expectError(await fromUi(tessa, '/codec/decode', { payloads: [encrypted] }), 403, 'FORBIDDEN');
    expectError(await fromUi(kaisa, '/codec/decode', { payloads: [encrypted] }), 403, 'FORBIDDEN');
    expectError(await fromUi(kaisa, '/codec/encode', { payloads: [] }), 403, 'FORBIDDEN');
  });

  it('answers the Web UI\'s preflight, and refuses another origin outright', async () => {
    const preflight = (origin: string) => fetch(`${stack.baseUrl}/codec/decode`, {
      method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
    });
    const ok = await preflight(UI_ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(UI_ORIGIN);
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ok.headers.get('access-control-allow-headers')).toContain('x-namespace');

    const evil = await preflight('http://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const refused = expectError(await fromUi(olli, '/codec/decode', { payloads: [encrypted] }, 'http://evil.example'), 403, 'FORBIDDEN');
    expect(refused.message).toContain('TEMPORAL_UI_ORIGIN');
  });

  it('refuses a payload it cannot decrypt, naming the field, and a foreign namespace', async () => {
    const tampered = { ...encrypted, data: Buffer.from('x'.repeat(64)).toString('base64') };
    const bad = expectError(await fromUi(olli, '/codec/decode', { payloads: [tampered] }), 400, 'VALIDATION_FAILED');
    expect(bad.details.fields).toEqual([expect.objectContaining({ path: 'payloads' })]);
    const other = await call(stack.baseUrl, olli, 'POST', '/codec/decode', { body: { payloads: [] }, withoutCsrf: true, headers: { origin: UI_ORIGIN, 'x-namespace': 'someone-else' } });
    expectError(other, 404, 'NOT_FOUND');
  });

  it('refuses data or metadata that is not base64 with a 400 naming the field, not a 500 (found by the API fuzz run)', async () => {
    for (const name of ['encode', 'decode']) {
      const data = expectError(await fromUi(olli, `/codec/${name}`, { payloads: [{ data: 'not base64!' }] }), 400, 'VALIDATION_FAILED');
      expect(data.details.fields).toEqual([expect.objectContaining({ path: 'payloads.0.data' })]);
      const metadata = expectError(await fromUi(olli, `/codec/${name}`, { payloads: [{ metadata: { encoding: 'ä' } }] }), 400, 'VALIDATION_FAILED');
      expect(metadata.details.fields).toEqual([expect.objectContaining({ path: 'payloads.0.metadata.encoding' })]);
    }
  });
});
