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
  db = createDb(process.env.DATABASE_URL as string, { max: 4 });
  store = createStoreActivities(db, logger);
});
afterAll(() => db.destroy());

function view(applicationId: string, status: ApplicationView['status']): ApplicationView {
  return {
    applicationId, serviceId: 'ymparistolupa', authorityId: 'lvv', handlingMode: 'portal', status, closeReason: null,
    applicant: { ref: 'ref-' + applicationId, name: 'Tessa Testilä' }, principal: null,
    draft: { version: 0, form: {}, savedAt: null }, submission: null, caseNumber: null, supplementRequests: [], decision: null,
    deadlines: { draftExpiresAt: null, acknowledgementDueAt: null, handlingDueAt: null, supplementDueAt: null, appealEndsAt: null },
    handlingClock: { elapsedMs: 0, running: false }, projectId: null, consent: { given: false, at: null }, attachments: [], updatedAt: new Date().toISOString(),
  };
}

function entry(seq: number, type: TimelineEntry['type'], status: TimelineEntry['status']): TimelineEntry {
  return { seq, type, at: new Date(Date.UTC(2026, 10, 24, 12, seq)).toISOString(), actor: { kind: 'system', ref: 'lupaflow', name: 'Lupaflow' }, status, data: { n: seq } };
}

describe('[#2] the case store activities', () => {
  it('writes the events of a transition once however many times recordEvents runs, also concurrently', async () => {
    const id = `LV-T-${randomUUID()}`;
    const input = {
      entries: [entry(1, 'STARTED', 'STARTED'), entry(2, 'IDENTITY_VERIFIED', 'IDENTITY_VERIFIED'), entry(3, 'MANDATE_CHECKED', 'MANDATE_CHECKED'), entry(4, 'DRAFT_OPENED', 'DRAFT')] as [TimelineEntry, ...TimelineEntry[]],
      view: view(id, 'DRAFT'),
      deadlineAt: null,
    };
    // A timed-out attempt may still be writing while its retry runs.
    await Promise.all([store.recordEvents(input), store.recordEvents(input)]);
    await store.recordEvents(input);
    const events = await db('case_events').where({ application_id: id }).orderBy('seq');
    expect(events.map((e) => [e.seq, e.type, e.status])).toEqual([
      [1, 'STARTED', 'STARTED'], [2, 'IDENTITY_VERIFIED', 'IDENTITY_VERIFIED'], [3, 'MANDATE_CHECKED', 'MANDATE_CHECKED'], [4, 'DRAFT_OPENED', 'DRAFT'],
    ]);
    expect(events[3]).toMatchObject({ data: { n: 4 }, actor: { kind: 'system' } });
    const row = await db('applications').where({ id }).first();
    expect(row).toMatchObject({ status: 'DRAFT', last_seq: 4, updated_at: new Date(input.entries[3].at) });
  });

  it('never moves the read model backwards when an older write is replayed', async () => {
    const id = `LV-T-${randomUUID()}`;
    const first = { entries: [entry(1, 'STARTED', 'STARTED')] as [TimelineEntry], view: view(id, 'STARTED'), deadlineAt: null };
    const second = {
      entries: [entry(2, 'IDENTITY_VERIFIED', 'IDENTITY_VERIFIED')] as [TimelineEntry], view: view(id, 'IDENTITY_VERIFIED'), deadlineAt: '2027-01-01T00:00:00.000Z',
    };
    await store.recordEvents(first);
    await store.recordEvents(second);
    await store.recordEvents(first);
    const row = await db('applications').where({ id }).first();
    expect(row).toMatchObject({ status: 'IDENTITY_VERIFIED', last_seq: 2, authority_id: 'lvv' });
    expect(row.view.status).toBe('IDENTITY_VERIFIED');
    expect(new Date(row.deadline_at).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(await db('case_events').where({ application_id: id }).orderBy('seq').pluck('seq')).toEqual([1, 2]);
  });

  it('keeps the cases of concurrent writers apart', async () => {
    const ids = Array.from({ length: 6 }, () => `LV-T-${randomUUID()}`);
    await Promise.all(ids.map((id, i) => store.recordEvents({
      entries: [entry(1, 'STARTED', 'STARTED'), entry(2, 'CLOSED', 'CLOSED')], view: { ...view(id, 'CLOSED'), caseNumber: `N-${i}` }, deadlineAt: null,
    })));
    const rows = await db('applications').whereIn('id', ids).select('id', 'case_number', 'last_seq');
    expect(rows.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))).toEqual(ids.map((id, i) => ({ id, case_number: `N-${i}`, last_seq: 2 })));
    const counts = await db('case_events').whereIn('application_id', ids).groupBy('application_id').select('application_id').count();
    expect(counts.map((c) => Number(c.count))).toEqual(ids.map(() => 2));
  });

  it('alerts operators once per overdue event, not again when the write is retried', async () => {
    const id = `LV-T-${randomUUID()}`;
    const warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    try {
      const input = {
        entries: [entry(5, 'ACKNOWLEDGEMENT_OVERDUE', 'DELIVERED'), entry(6, 'HANDLING_DEADLINE_PASSED', 'DELIVERED')] as [TimelineEntry, TimelineEntry],
        view: view(id, 'DELIVERED'),
        deadlineAt: null,
      };
      await store.recordEvents(input);
      await store.recordEvents(input);
      const alerts = warn.mock.calls.filter(([fields]) => (fields as { application_id?: string }).application_id === id).map(([fields]) => fields);
      expect(alerts).toEqual([
        expect.objectContaining({ event: 'acknowledgement_overdue', seq: 5, authority_id: 'lvv' }),
        expect.objectContaining({ event: 'handling_deadline_passed', seq: 6, authority_id: 'lvv' }),
      ]);
    } finally {
      warn.mockRestore();
    }
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
