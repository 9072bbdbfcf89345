import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { createStoreActivities } from '../../activities/store';
import { canonicalJson } from '../../activities/store/canonical-json';
import { createDb } from '../../infra/db';
import { logger } from '../../infra/logger';
import type { ApplicationView, TimelineEntry } from '../../workflows/application/messages';

let db: Knex;
let store: ReturnType<typeof createStoreActivities>;

beforeAll(() => {
  db = createDb(process.env.DATABASE_URL as string, { max: 2 });
  store = createStoreActivities(db, logger);
});
afterAll(() => db.destroy());

function view(applicationId: string, status: ApplicationView['status']): ApplicationView {
  return {
    applicationId, serviceId: 'ymparistolupa', authorityId: 'lvv', handlingMode: 'portal', status, closeReason: null,
    applicant: { ref: 'ref-' + applicationId, name: 'Tessa Testilä' }, principal: null,
    draft: { version: 0, form: {}, savedAt: null }, submission: null, caseNumber: null, supplementRequests: [], decision: null,
    deadlines: { draftExpiresAt: null, acknowledgementDueAt: null, handlingDueAt: null, supplementDueAt: null, appealEndsAt: null },
    handlingClock: { elapsedMs: 0, running: false }, updatedAt: new Date().toISOString(),
  };
}

function entry(seq: number, type: TimelineEntry['type'], status: TimelineEntry['status']): TimelineEntry {
  return { seq, type, at: new Date(Date.UTC(2026, 10, 24, 12, seq)).toISOString(), actor: { kind: 'system', ref: 'lupaflow', name: 'Lupaflow' }, status, data: { n: seq } };
}

describe('[#2] the case store activities', () => {
  it('writes an event once however many times recordEvent runs', async () => {
    const id = `LV-T-${randomUUID()}`;
    const input = { entry: entry(1, 'STARTED', 'STARTED'), view: view(id, 'STARTED'), deadlineAt: null };
    await store.recordEvent(input);
    await store.recordEvent(input);
    const events = await db('case_events').where({ application_id: id });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ seq: 1, type: 'STARTED', status: 'STARTED', data: { n: 1 } });
  });

  it('never moves the read model backwards when an older event is replayed', async () => {
    const id = `LV-T-${randomUUID()}`;
    const first = { entry: entry(1, 'STARTED', 'STARTED'), view: view(id, 'STARTED'), deadlineAt: null };
    const second = { entry: entry(2, 'IDENTITY_VERIFIED', 'IDENTITY_VERIFIED'), view: view(id, 'IDENTITY_VERIFIED'), deadlineAt: '2027-01-01T00:00:00.000Z' };
    await store.recordEvent(first);
    await store.recordEvent(second);
    await store.recordEvent(first);
    const row = await db('applications').where({ id }).first();
    expect(row).toMatchObject({ status: 'IDENTITY_VERIFIED', last_seq: 2, authority_id: 'lvv' });
    expect(row.view.status).toBe('IDENTITY_VERIFIED');
    expect(new Date(row.deadline_at).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(await db('case_events').where({ application_id: id }).orderBy('seq').pluck('seq')).toEqual([1, 2]);
  });

  it('seals a submission with the SHA-256 of the canonical JSON of the form', async () => {
    const form = { name: 'Åsa Öberg', b: 1, a: { d: [3, { f: 1, e: 2 }], c: 'x' } };
    expect(canonicalJson(form)).toBe('{"a":{"c":"x","d":[3,{"e":2,"f":1}]},"b":1,"name":"Åsa Öberg"}');
    const receipt = await store.createReceipt({ applicationId: 'LV-2026-000001', submittedAt: '2026-11-24T12:00:00.000Z', content: form });
    // Known vector: printf '%s' '<the canonical JSON above>' | sha256sum
    expect(receipt.contentSha256).toBe('4d748b838773dcedf64c0caa2dc3f1a11a0686fa0793a75f618557831c6cd3b2');
    expect(receipt).toMatchObject({ applicationId: 'LV-2026-000001', submittedAt: '2026-11-24T12:00:00.000Z' });
    expect(receipt.receiptId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a form that does not meet the service schema, naming each field', async () => {
    const service = await store.loadServiceSettings('ymparistolupa');
    expect(service).not.toBeNull();
    const form = { operatorName: 'Tehdas Oy', activityType: 'volcano', site: { street: 'Tehtaankatu 1', postalCode: '3310', municipality: 'Tampere' }, extra: true };
    const refused = store.createReceipt({ applicationId: 'LV-x', submittedAt: new Date().toISOString(), content: form, validate: { form, schema: service!.formSchema } });
    await expect(refused).rejects.toMatchObject({ type: 'FORM_REJECTED', nonRetryable: true });
    const details = (await refused.catch((e) => e)).details[0].fields.map((f: { path: string }) => f.path);
    expect(details).toEqual(expect.arrayContaining(['form.activityType', 'form.site.postalCode', 'form.activityDescription', 'form.contact', 'form.extra']));
  });

  it('loads the settings of a seeded service and nothing for an unknown one', async () => {
    await expect(store.loadServiceSettings('kemikaalilupa')).resolves.toMatchObject({
      id: 'kemikaalilupa', authorityId: 'tukes', handlingMode: 'portal', requiredLoa: 'high', appealPeriodDays: 30,
    });
    await expect(store.loadServiceSettings('no-such-service')).resolves.toBeNull();
  });
});
