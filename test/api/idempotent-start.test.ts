import { randomUUID } from 'node:crypto';
import { contentSha256 } from '../../activities/store/create-receipt';
import { nextApplicationNumber } from '../../api/application-number';
import { call, eventually, expectError, type Caller } from './http';
import { SERVICE_ID } from './forms';
import { startTestStack, type TestStack } from '../support/stack';

describe('[#2] A retried start with an Idempotency-Key makes one application, not two', () => {
  let stack: TestStack;
  let tessa: Caller;
  let joni: Caller;

  beforeAll(async () => {
    stack = await startTestStack();
    [tessa, joni] = await Promise.all([stack.login('suomifi', '010280-952L'), stack.login('suomifi', '010469-999W')]);
  });
  afterAll(async () => stack?.stop());

  const start = (caller: Caller, body: unknown, key?: string) =>
    call(stack.baseUrl, caller, 'POST', '/api/v1/applications', { body, headers: key === undefined ? {} : { 'idempotency-key': key } });
  const ownIds = async (caller: Caller): Promise<string[]> =>
    (await call(stack.baseUrl, caller, 'GET', '/api/v1/applications')).body.map((a: { applicationId: string }) => a.applicationId);
  // Every run ever started under the id, running or closed (visibility is eventually consistent).
  const runsOf = (applicationId: string) =>
    eventually(() => stack.client.workflow.count(`WorkflowId = '${applicationId}'`).then((c) => c.count), (n) => n > 0);

  it('answers a retry with the same key with the same application, 201 both times', async () => {
    const key = randomUUID();
    const before = await ownIds(tessa);
    const first = await start(tessa, { serviceId: SERVICE_ID, language: 'fi' }, key);
    const retry = await start(tessa, { serviceId: SERVICE_ID, language: 'fi' }, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.applicationId).toBe(first.body.applicationId);
    expect(retry.body).toEqual(first.body);
    expect(await runsOf(first.body.applicationId)).toBe(1);
    const after = await ownIds(tessa);
    expect(after.filter((id) => !before.includes(id))).toEqual([first.body.applicationId]);
  });

  it('makes one application of two starts with the same key sent at the same time', async () => {
    const key = randomUUID();
    const before = await ownIds(tessa);
    const answers = await Promise.all([1, 2, 3].map(() => start(tessa, { serviceId: SERVICE_ID }, key)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    const ids = new Set(answers.map((a) => a.body.applicationId));
    expect(ids.size).toBe(1);
    const [applicationId] = ids;
    expect(await runsOf(applicationId)).toBe(1);
    expect((await ownIds(tessa)).filter((id) => !before.includes(id))).toEqual([applicationId]);
  });

  it('refuses the same key for a different request with 422, and starts nothing', async () => {
    const key = randomUUID();
    const first = await start(tessa, { serviceId: SERVICE_ID }, key);
    expect(first.status).toBe(201);
    const before = await ownIds(tessa);
    const error = expectError(await start(tessa, { serviceId: 'vesitalouslupa' }, key), 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(error.message).toBe('This Idempotency-Key was used for a different request.');
    expect(await ownIds(tessa)).toEqual(before);
  });

  it('keeps keys apart per applicant: another person\'s same key starts their own application', async () => {
    const key = randomUUID();
    const tessas = await start(tessa, { serviceId: SERVICE_ID }, key);
    const jonis = await start(joni, { serviceId: SERVICE_ID }, key);
    expect(tessas.status).toBe(201);
    expect(jonis.status).toBe(201);
    expect(jonis.body.applicationId).not.toBe(tessas.body.applicationId);
    expect(jonis.body.applicant.name).toContain('Joni');
    expect(await ownIds(joni)).toContain(jonis.body.applicationId);
    expect(await ownIds(tessa)).not.toContain(jonis.body.applicationId);
  });

  it('makes two applications of two starts without a key, as before', async () => {
    const before = await ownIds(tessa);
    const [a, b] = [await start(tessa, { serviceId: SERVICE_ID }), await start(tessa, { serviceId: SERVICE_ID })];
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.applicationId).not.toBe(b.body.applicationId);
    expect((await ownIds(tessa)).filter((id) => !before.includes(id)).sort()).toEqual([a.body.applicationId, b.body.applicationId].sort());
  });

  it('heals a first attempt that recorded its key but failed before starting: the retry starts that application', async () => {
    const body = { serviceId: SERVICE_ID };
    const used = randomUUID();
    expect((await start(tessa, body, used)).status).toBe(201);
    const { subject_ref: subjectRef } = await stack.db('application_start_keys').where({ idempotency_key: used }).first('subject_ref');
    // What a first attempt leaves behind when the API dies between recording its key and starting the case.
    const key = randomUUID();
    const applicationId = await nextApplicationNumber(stack.db);
    await stack.db('application_start_keys').insert({
      subject_ref: subjectRef, idempotency_key: key, application_id: applicationId, service_id: SERVICE_ID, request_hash: contentSha256(body),
    });
    const retry = await start(tessa, body, key);
    expect(retry.status).toBe(201);
    expect(retry.body).toMatchObject({ applicationId, status: 'DRAFT' });
    expect(await ownIds(tessa)).toContain(applicationId);
    expect(await runsOf(applicationId)).toBe(1);
  });

  it('answers a retried refused start (login too weak) with the same refusal and the same closed application', async () => {
    // kemikaalilupa needs LoA high; the default sandbox method gives substantial. The case closes at once.
    const key = randomUUID();
    const first = expectError(await start(tessa, { serviceId: 'kemikaalilupa' }, key), 403, 'LOA_TOO_LOW');
    const retry = expectError(await start(tessa, { serviceId: 'kemikaalilupa' }, key), 403, 'LOA_TOO_LOW');
    expect(retry.details.applicationId).toBe(first.details.applicationId);
    expect(await runsOf(first.details.applicationId)).toBe(1);
  });

  it('refuses an invalid key with 400 naming the header', async () => {
    for (const bad of ['', 'has space', 'x'.repeat(129), 'tab\there', 'ääkkönen']) {
      const error = expectError(await start(tessa, { serviceId: SERVICE_ID }, bad), 400, 'VALIDATION_FAILED');
      expect(error.details.fields).toEqual([{ path: 'headers.idempotency-key', message: expect.any(String) }]);
    }
    const { body: doc } = await call(stack.baseUrl, {}, 'GET', '/openapi.json');
    const parameters = doc.paths['/api/v1/applications'].post.parameters;
    expect(parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'idempotency-key', required: false })]));
  });
});
