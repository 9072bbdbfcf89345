/**
 * [#6] Attachments over real HTTP: streamed upload with per-service limits, SHA-256, sniffed types,
 * required types on submit, per-file access (the applicant, the case's authority, nobody else).
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { contentSha256 } from '../../activities/store/create-receipt';
import { CHUNK_BYTES } from '../../activities/attachments/pg-blob-store';
import { startTestStack, type TestStack } from '../support/stack';
import { attachSitePlan, pdf, PNG_HEAD, upload } from '../support/attachments';
import { call, expectError, type Caller } from './http';
import { completeForm, SERVICE_ID } from './forms';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const MAX = 10 * 1024 * 1024;

describe('[#6] Attachments', () => {
  let stack: TestStack;
  let tessa: Caller;
  let joni: Caller;
  let kaisa: Caller;
  let tuomas: Caller;
  const api = (who: Caller, method: string, path: string, body?: unknown) => call(stack.baseUrl, who, method, path, { body });

  beforeAll(async () => {
    stack = await startTestStack();
    [tessa, joni, kaisa, tuomas] = await Promise.all([
      stack.login('suomifi', '010280-952L'), stack.login('suomifi', '010469-999W'),
      stack.login('virtu', 'kaisa.kasittelija@lvv.fi'), stack.login('virtu', 'tuomas.tarkastaja@tukes.fi'),
    ]);
  });
  afterAll(async () => stack?.stop());

  /** A new draft of the environmental permit with a complete form; returns its id and draft version. */
  async function draft(): Promise<{ id: string; version: number }> {
    const started = await api(tessa, 'POST', '/api/v1/applications', { serviceId: SERVICE_ID });
    expect(started.status).toBe(201);
    const id = started.body.applicationId;
    const saved = await api(tessa, 'PUT', `/api/v1/applications/${id}/draft`, { form: completeForm });
    expect(saved.status).toBe(200);
    return { id, version: saved.body.draft.version };
  }

  /** Rows and blobs kept for the case, and blob chunks no attachment row points at (left by a refused upload). */
  async function kept(id: string) {
    const rows = await stack.db('attachments').where({ application_id: id });
    const orphans = await stack.db('blob_chunks as c').whereNotExists((q) => q.select(1).from('attachments as a').whereRaw('a.blob_key = c.blob_key')).count<{ count: string }[]>('* as count');
    return { rows: rows.length, orphanChunks: Number(orphans[0].count) };
  }

  /** Nothing of a refused upload is left: no row, no attachment in the case, and (once concurrent uploads settle) no orphan chunk. */
  async function expectNothingKept(id: string) {
    const until = Date.now() + 5_000;
    let state = await kept(id);
    while (state.orphanChunks > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      state = await kept(id);
    }
    expect(state).toEqual({ rows: 0, orphanChunks: 0 });
    expect((await api(tessa, 'GET', `/api/v1/applications/${id}`)).body.attachments).toEqual([]);
  }

  it('uploads, lists, downloads and deletes a file, with its SHA-256 in the case log and never its contents', async () => {
    const { id } = await draft();
    const file = pdf(4000);
    const added = await upload(stack.baseUrl, tessa, id, { type: 'asemapiirros', filename: 'C:\\kuvat\\Asemapiirros "uusi".pdf', mediaType: 'application/pdf', body: file });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      id: expect.any(String), type: 'asemapiirros', filename: 'Asemapiirros _uusi_.pdf', mediaType: 'application/pdf', size: file.length, sha256: sha256(file), uploadedAt: expect.any(String),
    });

    expect((await api(tessa, 'GET', `/api/v1/applications/${id}/attachments`)).body).toEqual([added.body]);
    expect((await api(tessa, 'GET', `/api/v1/applications/${id}`)).body.attachments).toEqual([added.body]);
    const timeline = (await api(tessa, 'GET', `/api/v1/applications/${id}/timeline`)).body;
    const event = timeline.find((e: any) => e.type === 'ATTACHMENT_ADDED');
    expect(event.data).toEqual({ id: added.body.id, type: 'asemapiirros', filename: 'Asemapiirros _uusi_.pdf', mediaType: 'application/pdf', size: file.length, sha256: sha256(file) });

    const download = await fetch(`${stack.baseUrl}/api/v1/applications/${id}/attachments/${added.body.id}`, { headers: { cookie: tessa.cookie! } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="Asemapiirros _uusi_.pdf"');
    expect(download.headers.get('digest')).toBe(`sha-256=${createHash('sha256').update(file).digest('base64')}`);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer()).equals(file)).toBe(true);

    const removed = await api(tessa, 'DELETE', `/api/v1/applications/${id}/attachments/${added.body.id}`);
    expect(removed.status).toBe(204);
    expect((await api(tessa, 'GET', `/api/v1/applications/${id}/attachments`)).body).toEqual([]);
    expectError(await api(tessa, 'GET', `/api/v1/applications/${id}/attachments/${added.body.id}`), 404, 'NOT_FOUND');
    const after = (await api(tessa, 'GET', `/api/v1/applications/${id}/timeline`)).body;
    expect(after.at(-1)).toMatchObject({ type: 'ATTACHMENT_REMOVED', data: { id: added.body.id, sha256: sha256(file) } });
    const row = await stack.db('attachments').where({ id: added.body.id }).first();
    expect(row.state).toBe('removed');
    expect(await stack.db('blob_chunks').where({ blob_key: row.blob_key }).count<{ count: string }[]>('* as count')).toEqual([{ count: '0' }]);
  });

  it('keeps a file the case took, readable, even when bookkeeping after that fails', async () => {
    const { id } = await draft();
    // The database refuses to mark this case's rows attached: the step after the case has taken the file.
    await stack.db.raw(`create function refuse_attached_${id.replace(/\W/g, '_')}() returns trigger language plpgsql as $$
      begin if new.application_id = '${id}' and new.state = 'attached' then raise exception 'refused by the test'; end if; return new; end $$`);
    await stack.db.raw(`create trigger refuse_attached_${id.replace(/\W/g, '_')} before update on attachments for each row execute function refuse_attached_${id.replace(/\W/g, '_')}()`);
    try {
      const file = pdf(3000, 'b');
      expect((await upload(stack.baseUrl, tessa, id, { type: 'muu', filename: 'kirjanpito.pdf', mediaType: 'application/pdf', body: file })).status).toBe(500);
      const [listed] = (await api(tessa, 'GET', `/api/v1/applications/${id}/attachments`)).body;
      expect(listed).toMatchObject({ filename: 'kirjanpito.pdf', sha256: sha256(file) });
      const download = await fetch(`${stack.baseUrl}/api/v1/applications/${id}/attachments/${listed.id}`, { headers: { cookie: tessa.cookie! } });
      expect(download.status).toBe(200);
      expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(file));
    } finally {
      await stack.db.raw(`drop trigger refuse_attached_${id.replace(/\W/g, '_')} on attachments`);
      await stack.db.raw(`drop function refuse_attached_${id.replace(/\W/g, '_')}()`);
    }
  });

  it('refuses a file larger than the service allows with 413, whether declared or streamed, and keeps nothing', async () => {
    const { id } = await draft();
    const big = pdf(MAX + 1);
    const declared = await upload(stack.baseUrl, tessa, id, { type: 'muu', filename: 'iso.pdf', mediaType: 'application/pdf', body: big });
    expect(expectError(declared, 413, 'ATTACHMENT_TOO_LARGE').details).toEqual({ maxFileBytes: MAX });

    // Without a Content-Length the limit is found while streaming.
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${stack.baseUrl}/api/v1/applications/${id}/attachments?type=muu&filename=iso.pdf`, {
        method: 'POST', headers: { cookie: tessa.cookie!, 'x-csrf-token': tessa.csrfToken!, 'content-type': 'application/pdf', 'transfer-encoding': 'chunked' },
      }, (res) => { res.resume(); resolve(res.statusCode!); });
      req.on('error', reject);
      for (let sent = 0; sent < big.length; sent += 1024 * 1024) req.write(big.subarray(sent, sent + 1024 * 1024));
      req.end();
    });
    expect(streamed).toBe(413);
    await expectNothingKept(id);
  });

  it('refuses a media type the service does not take, and bytes that are not of the declared type, with 415', async () => {
    const { id } = await draft();
    const gif = await upload(stack.baseUrl, tessa, id, { type: 'muu', filename: 'kuva.gif', mediaType: 'image/gif', body: Buffer.from('GIF89a......') });
    expect(expectError(gif, 415, 'ATTACHMENT_TYPE_NOT_ALLOWED').message).toContain('image/gif');
    const disguised = await upload(stack.baseUrl, tessa, id, { type: 'muu', filename: 'kuva.pdf', mediaType: 'application/pdf', body: Buffer.concat([PNG_HEAD, Buffer.alloc(3000)]) });
    expect(expectError(disguised, 415, 'ATTACHMENT_TYPE_NOT_ALLOWED').message).toContain('not application/pdf');
    const empty = await upload(stack.baseUrl, tessa, id, { type: 'muu', filename: 'tyhja.pdf', mediaType: 'application/pdf', body: Buffer.alloc(0) });
    expectError(empty, 415, 'ATTACHMENT_TYPE_NOT_ALLOWED');
    await expectNothingKept(id);
    // What the bytes say and the declared type agree: taken.
    const png = await upload(stack.baseUrl, tessa, id, { type: 'muu', filename: 'kuva.png', mediaType: 'image/png', body: Buffer.concat([PNG_HEAD, Buffer.alloc(100)]) });
    expect(png.status).toBe(201);
  });

  it('refuses an unknown attachment type or a missing file name with 400, naming the field', async () => {
    const { id } = await draft();
    const unknown = await upload(stack.baseUrl, tessa, id, { type: 'valokuva', filename: 'a.pdf', mediaType: 'application/pdf', body: pdf() });
    expect(expectError(unknown, 400, 'VALIDATION_FAILED').details.fields).toEqual([{ path: 'type', message: expect.stringContaining('asemapiirros') }]);
    const nameless = await upload(stack.baseUrl, tessa, id, { type: 'muu', filename: '../', mediaType: 'application/pdf', body: pdf() });
    expect(expectError(nameless, 400, 'VALIDATION_FAILED').details.fields[0].path).toBe('filename');
    await expectNothingKept(id);
  });

  it('refuses to submit without the required site plan (422), then seals the files in the receipt and lets the authority read them', async () => {
    const { id, version } = await draft();
    const missing = expectError(await api(tessa, 'POST', `/api/v1/applications/${id}/submit`, { draftVersion: version }), 422, 'ATTACHMENTS_MISSING');
    expect(missing.details).toMatchObject({ missingTypes: ['asemapiirros'], fields: [{ path: 'attachments.asemapiirros' }] });
    expect((await api(tessa, 'GET', `/api/v1/applications/${id}`)).body.status).toBe('DRAFT');

    // Before submission (no consent) the authority cannot see the file.
    const plan = (await attachSitePlan(stack.baseUrl, tessa, id)).body;
    expectError(await api(kaisa, 'GET', `/api/v1/official/cases/${id}/attachments`), 404, 'NOT_FOUND');

    const receipt = await api(tessa, 'POST', `/api/v1/applications/${id}/submit`, { draftVersion: version });
    expect(receipt.status).toBe(200);
    const { uploadedAt: _at, ...ref } = plan;
    expect(receipt.body.contentSha256).toBe(contentSha256({ content: completeForm, attachments: [ref] }));

    // Submitted files stay: no deleting, no adding while the authority has the case.
    expectError(await api(tessa, 'DELETE', `/api/v1/applications/${id}/attachments/${plan.id}`), 409, 'TRANSITION_NOT_ALLOWED');
    expectError(await upload(stack.baseUrl, tessa, id, { type: 'muu', filename: 'myohassa.pdf', mediaType: 'application/pdf', body: pdf() }), 409, 'TRANSITION_NOT_ALLOWED');

    const listed = await api(kaisa, 'GET', `/api/v1/official/cases/${id}/attachments`);
    expect(listed.body).toEqual([plan]);
    const download = await fetch(`${stack.baseUrl}/api/v1/official/cases/${id}/attachments/${plan.id}`, { headers: { cookie: kaisa.cookie! } });
    expect(download.status).toBe(200);
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(plan.sha256);
    const logged = await stack.db('usage_log').where({ application_id: id }).whereIn('action', ['attachment.list', 'attachment.read']).orderBy('id');
    expect(logged.map((r) => [r.action, r.subject_ref])).toEqual([['attachment.list', expect.any(String)], ['attachment.read', expect.any(String)]]);

    // Another authority's official, and another applicant, find nothing.
    expectError(await api(tuomas, 'GET', `/api/v1/official/cases/${id}/attachments`), 404, 'NOT_FOUND');
    expectError(await api(tuomas, 'GET', `/api/v1/official/cases/${id}/attachments/${plan.id}`), 404, 'NOT_FOUND');
    expectError(await api(joni, 'GET', `/api/v1/applications/${id}/attachments/${plan.id}`), 404, 'NOT_FOUND');
  });

  it('takes files while a supplement request is open, shows them to the authority once the answer is sent, and seals them in its receipt', async () => {
    const { id, version } = await draft();
    const plan = (await attachSitePlan(stack.baseUrl, tessa, id)).body;
    expect((await api(tessa, 'POST', `/api/v1/applications/${id}/submit`, { draftVersion: version })).status).toBe(200);
    expect((await api(kaisa, 'POST', `/api/v1/official/cases/${id}/acknowledge`, { caseNumber: 'LVV/66/2026' })).status).toBe(200);
    const request = await api(kaisa, 'POST', `/api/v1/official/cases/${id}/supplement-requests`, { message: 'Liittäkää meluselvitys.' });
    expect(request.status).toBe(201);

    const noise = pdf(3000, 'm');
    const added = await upload(stack.baseUrl, tessa, id, { type: 'ymparistovaikutukset', filename: 'meluselvitys.pdf', mediaType: 'application/pdf', body: noise });
    expect(added.status).toBe(201);
    // Still being gathered: the authority sees only what was submitted.
    expect((await api(kaisa, 'GET', `/api/v1/official/cases/${id}/attachments`)).body).toEqual([plan]);
    expectError(await api(kaisa, 'GET', `/api/v1/official/cases/${id}/attachments/${added.body.id}`), 404, 'NOT_FOUND');
    // Nor its name or hash through the case view or the timeline.
    const addedIds = async () => (await api(kaisa, 'GET', `/api/v1/official/cases/${id}/timeline`)).body
      .filter((e: { type: string }) => e.type === 'ATTACHMENT_ADDED').map((e: { data: { id: string } }) => e.data.id);
    expect((await api(kaisa, 'GET', `/api/v1/official/cases/${id}`)).body.attachments).toEqual([plan]);
    expect(await addedIds()).toEqual([plan.id]);

    const answered = await api(tessa, 'POST', `/api/v1/applications/${id}/supplements`, { requestId: request.body.requestId, message: 'Meluselvitys liitteenä.' });
    expect(answered.status).toBe(200);
    const { uploadedAt: _at, ...ref } = added.body;
    expect(answered.body.supplementRequests[0].answer.contentSha256).toBe(contentSha256({ content: { message: 'Meluselvitys liitteenä.', form: null }, attachments: [ref] }));
    expect((await api(kaisa, 'GET', `/api/v1/official/cases/${id}/attachments`)).body).toEqual([plan, added.body]);
    expect((await api(kaisa, 'GET', `/api/v1/official/cases/${id}`)).body.attachments).toEqual([plan, added.body]);
    expect(await addedIds()).toEqual([plan.id, added.body.id]);
    const download = await fetch(`${stack.baseUrl}/api/v1/official/cases/${id}/attachments/${added.body.id}`, { headers: { cookie: kaisa.cookie! } });
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(noise));
  });

  it('answers 404 to someone else for every attachment route of a case, and stores nothing of theirs', async () => {
    const { id } = await draft();
    const plan = (await attachSitePlan(stack.baseUrl, tessa, id)).body;
    expectError(await upload(stack.baseUrl, joni, id, { type: 'muu', filename: 'vieras.pdf', mediaType: 'application/pdf', body: pdf() }), 404, 'NOT_FOUND');
    expectError(await api(joni, 'GET', `/api/v1/applications/${id}/attachments`), 404, 'NOT_FOUND');
    expectError(await api(joni, 'GET', `/api/v1/applications/${id}/attachments/${plan.id}`), 404, 'NOT_FOUND');
    expectError(await api(joni, 'DELETE', `/api/v1/applications/${id}/attachments/${plan.id}`), 404, 'NOT_FOUND');
    expectError(await api(kaisa, 'GET', `/api/v1/official/cases/${id}/attachments/${plan.id}`), 404, 'NOT_FOUND');
    expect((await api(tessa, 'GET', `/api/v1/applications/${id}/attachments`)).body).toEqual([plan]);
  });

  it('streams a 5 MB file (far above the JSON body limit) into chunks, never one value of the whole file', async () => {
    const { id } = await draft();
    const file = pdf(5 * 1024 * 1024, 'z');
    const added = await upload(stack.baseUrl, tessa, id, { type: 'muu', filename: 'suuri.pdf', mediaType: 'application/pdf', body: file });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ size: file.length, sha256: sha256(file) });
    const row = await stack.db('attachments').where({ id: added.body.id }).first();
    const chunks = await stack.db('blob_chunks').where({ blob_key: row.blob_key }).select(stack.db.raw('count(*)::int as n, max(length(data))::int as largest'));
    expect(chunks[0]).toEqual({ n: Math.ceil(file.length / CHUNK_BYTES), largest: CHUNK_BYTES });
    const download = await fetch(`${stack.baseUrl}/api/v1/applications/${id}/attachments/${added.body.id}`, { headers: { cookie: tessa.cookie! } });
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(file));
  });

  it('keeps nothing of an upload whose client disconnects halfway', async () => {
    const { id } = await draft();
    await new Promise<void>((resolve) => {
      const req = http.request(`${stack.baseUrl}/api/v1/applications/${id}/attachments?type=muu&filename=kesken.pdf`, {
        method: 'POST', headers: { cookie: tessa.cookie!, 'x-csrf-token': tessa.csrfToken!, 'content-type': 'application/pdf', 'content-length': String(2 * 1024 * 1024) },
      });
      req.on('error', () => resolve());
      req.write(pdf(700 * 1024));
      setTimeout(() => { req.destroy(); resolve(); }, 500);
    });
    // The upload's transaction ends (rolled back) rather than waiting for bytes that never come.
    const open = () => stack.db.raw("select count(*)::int as n from pg_stat_activity where state like 'idle in transaction%' and query like '%blob_chunks%'");
    const until = Date.now() + 5_000;
    while ((await open()).rows[0].n > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    expect((await open()).rows[0].n).toBe(0);
    await expectNothingKept(id);
    // The case still takes a file afterwards.
    expect((await attachSitePlan(stack.baseUrl, tessa, id)).status).toBe(201);
  });

  it('keeps answering others while more uploads than the database has connections trickle in', async () => {
    const { id } = await draft();
    const slow = Array.from({ length: 12 }, (_, i) => {
      const req = http.request(`${stack.baseUrl}/api/v1/applications/${id}/attachments?type=muu&filename=hidas-${i}.pdf`, {
        method: 'POST', headers: { cookie: tessa.cookie!, 'x-csrf-token': tessa.csrfToken!, 'content-type': 'application/pdf', 'content-length': String(2 * CHUNK_BYTES) },
      });
      req.on('error', () => undefined);
      req.write(pdf(CHUNK_BYTES + 1024));
      return req;
    });
    try {
      await new Promise((r) => setTimeout(r, 1000));
      const started = Date.now();
      const read = await Promise.race([
        api(joni, 'GET', '/api/v1/applications'),
        new Promise<null>((r) => setTimeout(() => r(null), 5_000)),
      ]);
      expect(read).toMatchObject({ status: 200 });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      for (const req of slow) req.destroy();
    }
    await expectNothingKept(id);
  });

  it('shows each service\'s attachment rules in the catalogue, and the admin API refuses rules it could not enforce', async () => {
    const service = await api(tessa, 'GET', `/api/v1/services/${SERVICE_ID}`);
    expect(service.body.attachments).toMatchObject({
      maxFileBytes: MAX, allowedMediaTypes: ['application/pdf', 'image/png', 'image/jpeg'],
      types: expect.arrayContaining([expect.objectContaining({ code: 'asemapiirros', required: true, names: expect.objectContaining({ sv: 'Situationsplan' }) })]),
    });
    const hanna = await stack.login('virtu', 'hanna.hallinnoija@lvv.fi');
    const refused = await api(hanna, 'PUT', `/api/v1/admin/services/${SERVICE_ID}`, {
      attachments: { maxFileBytes: 50 * 1024 * 1024, allowedMediaTypes: ['text/html'], types: [{ code: 'muu', names: { fi: 'a', sv: 'b', en: 'c' }, required: false }] },
    });
    const paths = expectError(refused, 400, 'VALIDATION_FAILED').details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['attachments.maxFileBytes', 'attachments.allowedMediaTypes.0']));
    expect((await api(tessa, 'GET', `/api/v1/services/${SERVICE_ID}`)).body.attachments.maxFileBytes).toBe(MAX);
  });
});
