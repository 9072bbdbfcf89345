/**
 * The permit application workflow on the time-skipping test server: statutory deadlines pass in
 * seconds. Real activities against the shared test PostgreSQL.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Knex } from 'knex';
import { createActivities } from '../../activities';
import { createPalveluvaylaClient } from '../../activities/palveluvayla';
import { ptvDepsFromEnv } from '../../activities/ptv';
import { valtuudetDepsFromEnv } from '../../activities/valtuudet';
import { contentSha256 } from '../../activities/store/create-receipt';
import { createDb } from '../../infra/db';
import { logger } from '../../infra/logger';
import { temporalTestServerPath } from '../../infra/temporal/binaries';
import { createDataConverter } from '../../infra/temporal/connection';
import { SA } from '../../workflows/search-attributes';
import {
  acknowledgeUpdate, APPLICATION_WORKFLOW_TYPE, decideUpdate, openUpdate, requestSupplementUpdate, saveDraftUpdate,
  statusQuery, submitUpdate, supplementUpdate, TEXT_LIMITS, timelineQuery, withdrawUpdate,
  type ApplicationView, type CaseEventType, type StartApplicationInput,
} from '../../workflows/application/messages';
import { bundleWorkflows } from '../../workers/bundle';
import { createWorker } from '../../workers/worker';
import { applicantSession, attachSitePlan, environmentalForm, FIXTURE_CODEC_KEYS, officialOf, SITE_PLAN, type TestApplicant } from './support/case-fixtures';
import { testCoreConfig, testDataDir } from '../support/env';
import { SANDBOX_PLATFORM_CLIENT_ID } from '../../infra/xroad/lupa-interface';
import { startXroadSandbox, type RunningXroadSandbox } from '../../sandbox/xroad';
import { startValtuudetForStack } from '../support/valtuudet';
import type { ValtuudetSandbox } from '../../sandbox/valtuudet';
import { createContactStore } from '../../activities/notifications';
import { caughtMail, startMailForTests } from '../support/mail';

const DAY = 86_400_000;
const TASK_QUEUE = 'timers-test';
const config = {
  TEMPORAL_ADDRESS: 'unused:0', TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: TASK_QUEUE, PAYLOAD_CODEC_KEYS: FIXTURE_CODEC_KEYS,
} as const;

let env: TestWorkflowEnvironment;
let db: Knex;
let worker: Worker;
let running: Promise<void>;
let valtuudet: ValtuudetSandbox;
let xroad: RunningXroadSandbox;
let mail: Awaited<ReturnType<typeof startMailForTests>>;
const warn = jest.spyOn(logger, 'warn');

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServerPath() } },
    client: { dataConverter: createDataConverter(config) },
  });
  const keyword = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  const datetime = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME;
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(Object.values(SA).map((k) => [k.name, k.type === 'DATETIME' ? datetime : keyword])),
  });
  db = createDb(process.env.DATABASE_URL as string, { max: 4 });
  const workflowBundle = await bundleWorkflows();
  const eAuthorizations = await startValtuudetForStack();
  valtuudet = eAuthorizations.sandbox;
  const mandates = valtuudetDepsFromEnv(db, testCoreConfig(), { ...eAuthorizations.env, LUPAFLOW_ENV: 'test' });
  // [#4] The sandbox X-Road security servers and authority system (its answers to the platform are not needed here).
  xroad = await startXroadSandbox({
    dataDir: testDataDir('timers-xroad-'), host: '127.0.0.1', ports: { platformSecurityServer: 0, authoritySecurityServer: 0, authoritySystem: 0 },
    platformClientId: SANDBOX_PLATFORM_CLIENT_ID, platformProviderUrl: 'http://127.0.0.1:9/unused', auto: false, logger,
  });
  const palveluvayla = createPalveluvaylaClient({ XROAD_SECURITY_SERVER_URL: xroad.urls.platformSecurityServer, XROAD_CLIENT_ID: SANDBOX_PLATFORM_CLIENT_ID, XROAD_TIMEOUT_MS: 10_000 });
  // [#6] The sandbox mail catcher takes the notifications (the authority's of each submission).
  mail = await startMailForTests();
  worker = await createWorker({
    connection: env.nativeConnection, config, activities: createActivities({ db, logger, ptv: ptvDepsFromEnv(), palveluvayla, valtuudet: mandates, notifications: mail.deps }), workflowBundle, maxCachedWorkflows: 50,
  });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await db?.destroy();
  await valtuudet?.stop();
  await xroad?.stop();
  await mail?.catcher.stop();
  await env?.teardown();
});

async function open(applicant: TestApplicant): Promise<{ handle: WorkflowHandle; view: ApplicationView }> {
  const handle = await env.client.workflow.start(APPLICATION_WORKFLOW_TYPE, {
    taskQueue: TASK_QUEUE, workflowId: applicant.input.applicationId, args: [applicant.input satisfies StartApplicationInput],
  });
  return { handle, view: await handle.executeUpdate(openUpdate) };
}

/** A case that an lvv official has in handling: opened, drafted, submitted, acknowledged. */
async function inHandling(): Promise<{ handle: WorkflowHandle; applicant: TestApplicant; view: ApplicationView }> {
  const applicant = await applicantSession(db);
  const { handle } = await open(applicant);
  await handle.executeUpdate(saveDraftUpdate, { args: [{ actor: applicant.actor, form: environmentalForm, expectedVersion: 0 }] });
  await attachSitePlan(handle, applicant.actor);
  await handle.executeUpdate(submitUpdate, { args: [{ actor: applicant.actor, draftVersion: 1 }] });
  const view = await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: officialOf('lvv'), caseNumber: 'LVV/1234/2026' }] });
  return { handle, applicant, view };
}

const types = async (handle: WorkflowHandle): Promise<CaseEventType[]> => (await handle.query(timelineQuery)).map((e) => e.type);

/** Polls until `check` passes: a fired timer is handled by the worker a moment after time skips. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read();
    if (check(value) || i > 100) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The ErrorCode an update was refused with. */
async function refusal(update: Promise<unknown>): Promise<{ type: string | undefined | null; message: string }> {
  const err = await update.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return { type: (cause as ApplicationFailure).type, message: (cause as ApplicationFailure).message };
}

describe('[#2] the permit application workflow over statutory time', () => {
  it('takes an application from login to a final decision once the appeal period has passed', async () => {
    const applicant = await applicantSession(db);
    const { handle, view: opened } = await open(applicant);
    expect(opened).toMatchObject({ status: 'DRAFT', authorityId: 'lvv', handlingMode: 'portal', closeReason: null });

    const saved = await handle.executeUpdate(saveDraftUpdate, { args: [{ actor: applicant.actor, form: environmentalForm, expectedVersion: 0 }] });
    expect(saved.draft.version).toBe(1);
    await attachSitePlan(handle, applicant.actor);
    const receipt = await handle.executeUpdate(submitUpdate, { args: [{ actor: applicant.actor, draftVersion: 1 }] });
    // The receipt seals the form and the attached files' SHA-256s (issue 6).
    const { uploadedAt: _at, ...plan } = SITE_PLAN;
    expect(receipt.contentSha256).toBe(contentSha256({ content: environmentalForm, attachments: [plan] }));
    expect((await handle.query(statusQuery)).status).toBe('DELIVERED');

    await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: officialOf('lvv'), caseNumber: 'LVV/1234/2026' }] });
    const decision = await handle.executeUpdate(decideUpdate, { args: [{ actor: officialOf('lvv'), outcome: 'APPROVED', text: 'Lupa myönnetään ehdoin.' }] });
    expect(Date.parse(decision.appealPeriodEndsAt) - Date.parse(decision.decidedAt)).toBe(30 * DAY);

    const final: ApplicationView = await handle.result();
    expect(final.status).toBe('FINAL');
    expect(final.decision?.finalAt).toBe(decision.appealPeriodEndsAt);
    expect(final.submission).toEqual(receipt);

    const timeline = await handle.query(timelineQuery);
    expect(timeline.map((e) => e.type)).toEqual([
      'STARTED', 'IDENTITY_VERIFIED', 'MANDATE_CHECKED', 'DRAFT_OPENED', 'DRAFT_SAVED', 'ATTACHMENT_ADDED', 'SUBMITTED', 'DELIVERED', 'ACKNOWLEDGED', 'DECIDED', 'FINAL',
    ]);
    expect(timeline.map((e) => e.seq)).toEqual(timeline.map((_, i) => i + 1));
    expect(timeline.find((e) => e.type === 'MANDATE_CHECKED')?.data).toEqual({ basis: 'self' });
    // The event log and the receipt name the same moment of submission (the handling clock starts then).
    expect(timeline.find((e) => e.type === 'SUBMITTED')?.at).toBe(receipt.submittedAt);

    const row = await db('applications').where({ id: applicant.input.applicationId }).first();
    expect(row).toMatchObject({ status: 'FINAL', case_number: 'LVV/1234/2026', last_seq: timeline.length });
    expect(row.receipt).toEqual(receipt);
    expect(await db('case_events').where({ application_id: applicant.input.applicationId }).count()).toEqual([{ count: String(timeline.length) }]);

    const { searchAttributes } = await handle.describe();
    expect(searchAttributes).toMatchObject({ LupaService: ['ymparistolupa'], LupaAuthority: ['lvv'], LupaStatus: ['FINAL'] });
    expect(searchAttributes.LupaSubmittedAt).toEqual([new Date(receipt.submittedAt)]);
  });

  it('closes a draft left untouched for the draft expiry period', async () => {
    const applicant = await applicantSession(db);
    const { handle } = await open(applicant);
    const saved = await handle.executeUpdate(saveDraftUpdate, { args: [{ actor: applicant.actor, form: { operatorName: 'Keskeneräinen Oy' } }] });
    const final: ApplicationView = await handle.result();
    expect(final).toMatchObject({ status: 'CLOSED', closeReason: 'DRAFT_EXPIRED' });
    const timeline = await handle.query(timelineQuery);
    expect(timeline.slice(-2).map((e) => e.type)).toEqual(['DRAFT_EXPIRED', 'CLOSED']);
    expect(Date.parse(timeline[timeline.length - 1].at)).toBeGreaterThanOrEqual(Date.parse(saved.draft.savedAt as string) + 90 * DAY);
  });

  it('[#6] tells the applicant, once and in their language, three days before an untouched draft expires', async () => {
    const applicant = await applicantSession(db);
    await createContactStore(db, mail.deps.pii).set(applicant.actor.ref, { email: 'keskenerainen@example.fi', language: 'en' });
    const { handle } = await open(applicant);
    const saved = await handle.executeUpdate(saveDraftUpdate, { args: [{ actor: applicant.actor, form: { operatorName: 'Keskeneräinen Oy' } }] });
    expect((await handle.result()).closeReason).toBe('DRAFT_EXPIRED');
    const id = applicant.input.applicationId;
    const mails = (await caughtMail(mail.catcher)).filter((m) => m.subject.includes(id));
    expect(mails).toEqual([expect.objectContaining({ to: ['keskenerainen@example.fi'], subject: `Deadline near: ${id}` })]);
    expect(mails[0].text).toContain('expires on');
    const [row] = await db('notifications').where({ application_id: id });
    expect(row).toMatchObject({ template: 'deadline_near', status: 'sent', language: 'en' });
    // Sent three days before the expiry (time here is the test server's, skipped).
    expect(Date.parse(saved.deadlines.draftExpiresAt as string) - row.sent_at.getTime()).toBeGreaterThan(2 * DAY);
  });

  it('keeps a draft saved again open until the expiry period has passed from the last save', async () => {
    const applicant = await applicantSession(db);
    const { handle, view: opened } = await open(applicant);
    await env.sleep('60 days');
    const saved = await handle.executeUpdate(saveDraftUpdate, { args: [{ actor: applicant.actor, form: { operatorName: 'Keskeneräinen Oy' } }] });
    const expiresAt = Date.parse(saved.deadlines.draftExpiresAt as string);
    expect(expiresAt - Date.parse(opened.deadlines.draftExpiresAt as string)).toBeGreaterThanOrEqual(60 * DAY);

    await env.sleep('40 days'); // past the expiry the draft had when it was opened
    const final: ApplicationView = await handle.result();
    expect(final).toMatchObject({ status: 'CLOSED', closeReason: 'DRAFT_EXPIRED' });
    const expired = (await handle.query(timelineQuery)).find((e) => e.type === 'DRAFT_EXPIRED');
    expect(expired?.data).toEqual({ draftExpiresAt: saved.deadlines.draftExpiresAt });
    expect(Date.parse(expired?.at as string) - expiresAt).toBeGreaterThanOrEqual(0);
    expect(Date.parse(expired?.at as string) - expiresAt).toBeLessThan(DAY);
  });

  it('stops the handling clock while a supplement request is open and restarts it after, also when the deadline lapses', async () => {
    const { handle, applicant, view: before } = await inHandling();
    const dueBefore = Date.parse(before.deadlines.handlingDueAt as string);

    const request = await handle.executeUpdate(requestSupplementUpdate, { args: [{ actor: officialOf('lvv'), message: 'Liittäkää asemapiirros.' }] });
    expect(Date.parse(request.deadline) - Date.parse(request.requestedAt)).toBe(30 * DAY);
    const waiting = await handle.query(statusQuery);
    expect(waiting).toMatchObject({ status: 'SUPPLEMENT_REQUESTED', handlingClock: { running: false } });
    expect(waiting.deadlines.handlingDueAt).toBeNull();

    await env.sleep('10 days');
    const answered = await handle.executeUpdate(supplementUpdate, {
      args: [{ actor: applicant.actor, requestId: request.requestId, message: 'Asemapiirros liitteenä.', form: { ...environmentalForm, emissions: 'Päivitetty' } }],
    });
    const answer = answered.supplementRequests[0];
    const paused = Date.parse(answer.answeredAt as string) - Date.parse(request.requestedAt);
    expect(paused).toBeGreaterThanOrEqual(10 * DAY);
    expect(answered).toMatchObject({ status: 'IN_HANDLING', handlingClock: { running: true }, draft: { version: 2 } });
    expect(Date.parse(answered.deadlines.handlingDueAt as string) - dueBefore).toBe(paused);
    expect(answer.answer?.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await handle.query(timelineQuery)).find((e) => e.type === 'SUPPLEMENTED')?.at).toBe(answer.answeredAt);

    const second = await handle.executeUpdate(requestSupplementUpdate, {
      args: [{ actor: officialOf('lvv'), message: 'Täydentäkää päästötiedot.', deadline: new Date(Date.parse(answer.answeredAt as string) + 5 * DAY).toISOString() }],
    });
    await env.sleep('6 days');
    const lapsed = await eventually(() => handle.query(statusQuery), (v) => v.status === 'IN_HANDLING');
    expect(lapsed.supplementRequests[1]).toMatchObject({ requestId: second.requestId, lapsed: true });
    expect(lapsed.supplementRequests[1].answeredAt).toBeUndefined();
    const secondPause = Date.parse(second.deadline) - Date.parse(second.requestedAt);
    expect(Date.parse(lapsed.deadlines.handlingDueAt as string) - dueBefore).toBe(paused + secondPause);
    expect(await types(handle)).toEqual(expect.arrayContaining(['SUPPLEMENT_REQUESTED', 'SUPPLEMENTED', 'SUPPLEMENT_DEADLINE_PASSED']));
    await handle.terminate('test done');
  });

  it('alerts operators once when the authority does not acknowledge in time, and once when the handling time runs out', async () => {
    const applicant = await applicantSession(db);
    const { handle } = await open(applicant);
    await handle.executeUpdate(saveDraftUpdate, { args: [{ actor: applicant.actor, form: environmentalForm }] });
    await attachSitePlan(handle, applicant.actor);
    await handle.executeUpdate(submitUpdate, { args: [{ actor: applicant.actor, draftVersion: 1 }] });
    warn.mockClear();

    await env.sleep('15 days');
    await eventually(() => types(handle), (t) => t.includes('ACKNOWLEDGEMENT_OVERDUE'));
    expect((await types(handle)).filter((t) => t === 'ACKNOWLEDGEMENT_OVERDUE')).toHaveLength(1);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ event: 'acknowledgement_overdue', application_id: applicant.input.applicationId }), expect.any(String));
    expect((await handle.query(statusQuery)).status).toBe('DELIVERED');

    await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: officialOf('lvv'), caseNumber: 'LVV/99/2026' }] });
    await env.sleep('170 days');
    await eventually(() => types(handle), (t) => t.includes('HANDLING_DEADLINE_PASSED'));
    await env.sleep('30 days');
    expect((await types(handle)).filter((t) => t === 'HANDLING_DEADLINE_PASSED')).toHaveLength(1);
    expect((await handle.query(statusQuery)).status).toBe('IN_HANDLING');
    await handle.terminate('test done');
  });

  it('[#4] alerts operators when an application handled over X-Road has not reached the authority by the acknowledgement deadline', async () => {
    xroad.authoritySystem.settings.refuseApplications = true;
    try {
      const applicant = await applicantSession(db, { serviceId: 'maa-aineslupa' });
      const { handle } = await open(applicant);
      const form = { applicantName: 'Sorakuljetus Virtanen Oy', propertyId: '837-405-12-3', material: 'gravel', volumeM3: 100, contact: { name: 'Tessa Testilä', email: 'tessa@example.fi' } };
      await handle.executeUpdate(saveDraftUpdate, { args: [{ actor: applicant.actor, form }] });
      await handle.executeUpdate(submitUpdate, { args: [{ actor: applicant.actor, draftVersion: 1 }] });
      await eventually(() => types(handle), (t) => t.includes('EXCHANGE_FAILED'));
      warn.mockClear();

      await env.sleep('15 days');
      await eventually(() => types(handle), (t) => t.includes('ACKNOWLEDGEMENT_OVERDUE'));
      expect((await types(handle)).filter((t) => t === 'ACKNOWLEDGEMENT_OVERDUE')).toHaveLength(1);
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ event: 'acknowledgement_overdue', application_id: applicant.input.applicationId }), expect.any(String));
      expect((await handle.query(statusQuery)).status).toBe('SUBMITTED');
      await handle.terminate('test done');
    } finally {
      xroad.authoritySystem.settings.refuseApplications = false;
    }
  });

  it('closes at once when the login level of assurance is below what the service requires', async () => {
    const applicant = await applicantSession(db, { serviceId: 'kemikaalilupa', loa: 'substantial' });
    const { handle, view } = await open(applicant);
    expect(view).toMatchObject({ status: 'CLOSED', closeReason: 'LOA_TOO_LOW' });
    expect(await types(handle)).toEqual(['STARTED', 'IDENTITY_REJECTED', 'CLOSED']);
    expect((await handle.result()).status).toBe('CLOSED');
  });

  it('closes a case for a service that does not exist, and opens one handled over X-Road like any other', async () => {
    await db('permit_services').insert({
      id: 'test-xroad-service', names: { fi: 'Testi', sv: 'Test', en: 'Test' }, descriptions: { fi: '-', sv: '-', en: '-' }, authority_id: 'tukes',
      handling_mode: 'xroad', xroad_service: 'FI-TEST/GOV/0245437-2/test/applications', xroad_client: 'FI-TEST/GOV/0245437-2/test-client', required_loa: 'substantial', form_schema: { type: 'object' }, handling_time_days: 30, supplement_deadline_days: 14,
      draft_expiry_days: 30, acknowledgement_deadline_days: 7, appeal_period_days: 30,
    }).onConflict('id').ignore();
    try {
      const { handle, view } = await open(await applicantSession(db, { serviceId: 'no-such-service' }));
      expect(view).toMatchObject({ status: 'CLOSED', closeReason: 'SERVICE_UNAVAILABLE' });
      expect(await types(handle)).toEqual(['STARTED', 'CLOSED']);
      expect(await db('applications').where({ id: handle.workflowId }).first()).toMatchObject({ status: 'CLOSED', close_reason: 'SERVICE_UNAVAILABLE', service_id: 'no-such-service' });
      // [#4] Handled in the authority's own system over Suomi.fi-palveluväylä: the applicant drafts as in portal mode.
      const xroad = await open(await applicantSession(db, { serviceId: 'test-xroad-service' }));
      expect(xroad.view).toMatchObject({ status: 'DRAFT', handlingMode: 'xroad', authorityId: 'tukes' });
      expect(await types(xroad.handle)).toEqual(['STARTED', 'IDENTITY_VERIFIED', 'MANDATE_CHECKED', 'DRAFT_OPENED']);
    } finally {
      // The test database is shared with other test files that list the catalogue.
      await db('permit_services').where({ id: 'test-xroad-service' }).delete();
    }
  });

  it('fails closed for someone acting for an organisation not chosen through e-Authorizations in that login', async () => {
    const applicant = await applicantSession(db, { principal: { kind: 'organisation', businessId: '2695192-6', name: 'Pintakäsittely Virtanen Oy' } });
    const { handle, view } = await open(applicant);
    expect(view).toMatchObject({ status: 'CLOSED', closeReason: 'NO_MANDATE' });
    const timeline = await handle.query(timelineQuery);
    expect(timeline.map((e) => e.type)).toEqual(['STARTED', 'IDENTITY_VERIFIED', 'MANDATE_REFUSED', 'CLOSED']);
    expect(timeline[2].data).toMatchObject({ act: 'start', result: 'SELECTION_REQUIRED', principal: { businessId: '2695192-6' } });
    expect(timeline[3].data).toMatchObject({ reason: 'NO_MANDATE', message: expect.stringContaining('Choose Pintakäsittely Virtanen Oy again') });
    expect((await handle.describe()).searchAttributes).toMatchObject({ LupaOrganisation: ['2695192-6'], LupaStatus: ['CLOSED'] });
  });

  it('lets the applicant withdraw a submitted application, which closes the case', async () => {
    const applicant = await applicantSession(db);
    const { handle } = await open(applicant);
    await handle.executeUpdate(saveDraftUpdate, { args: [{ actor: applicant.actor, form: environmentalForm }] });
    await attachSitePlan(handle, applicant.actor);
    await handle.executeUpdate(submitUpdate, { args: [{ actor: applicant.actor, draftVersion: 1 }] });
    const view = await handle.executeUpdate(withdrawUpdate, { args: [{ actor: applicant.actor, reason: 'Hanke peruttu.' }] });
    expect(view).toMatchObject({ status: 'CLOSED', closeReason: 'WITHDRAWN' });
    expect((await handle.result()).closeReason).toBe('WITHDRAWN');
    expect((await types(handle)).slice(-2)).toEqual(['WITHDRAWN', 'CLOSED']);
    // The case is over: the workflow has completed and takes no more updates at all.
    await expect(handle.executeUpdate(decideUpdate, { args: [{ actor: officialOf('lvv'), outcome: 'APPROVED', text: 'x' }] })).rejects.toThrow();
  });

  it('refuses updates that the state, the actor or the input does not allow, leaving no trace in the history', async () => {
    const { handle, applicant } = await inHandling();
    // [#6] The authority's notification of the submission completes beside the case: let it, so the history holds still.
    const { EVENT_TYPE_ACTIVITY_TASK_SCHEDULED: scheduled, EVENT_TYPE_ACTIVITY_TASK_COMPLETED: completed } = temporal.api.enums.v1.EventType;
    await eventually(async () => (await handle.fetchHistory()).events ?? [], (events) =>
      events.filter((e) => e.eventType === scheduled).length === events.filter((e) => e.eventType === completed).length
      && events.at(-1)?.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    const historyBefore = (await handle.fetchHistory()).events?.length;
    const timelineBefore = (await handle.query(timelineQuery)).length;
    const lvv = officialOf('lvv');

    await expect(refusal(handle.executeUpdate(decideUpdate, { args: [{ actor: officialOf('tukes'), outcome: 'APPROVED', text: 'Myönnetään.' }] })))
      .resolves.toMatchObject({ type: 'FORBIDDEN' });
    await expect(refusal(handle.executeUpdate(withdrawUpdate, { args: [{ actor: { ...applicant.actor, ref: 'someone-else' } }] })))
      .resolves.toMatchObject({ type: 'FORBIDDEN' });
    await expect(refusal(handle.executeUpdate(decideUpdate, { args: [{ actor: applicant.actor, outcome: 'APPROVED', text: 'Itse myönnän.' }] })))
      .resolves.toMatchObject({ type: 'FORBIDDEN' });
    await expect(refusal(handle.executeUpdate(saveDraftUpdate, { args: [{ actor: applicant.actor, form: {} }] })))
      .resolves.toMatchObject({ type: 'TRANSITION_NOT_ALLOWED', message: expect.stringContaining('IN_HANDLING') });
    await expect(refusal(handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: lvv, caseNumber: 'LVV/2/2026' }] })))
      .resolves.toMatchObject({ type: 'TRANSITION_NOT_ALLOWED' });
    await expect(refusal(handle.executeUpdate(decideUpdate, { args: [{ actor: lvv, outcome: 'MAYBE' as never, text: 'x' }] })))
      .resolves.toMatchObject({ type: 'VALIDATION_FAILED' });
    await expect(refusal(handle.executeUpdate(decideUpdate, { args: [{ actor: lvv, outcome: 'APPROVED', text: '  ' }] })))
      .resolves.toMatchObject({ type: 'VALIDATION_FAILED' });
    await expect(refusal(handle.executeUpdate(requestSupplementUpdate, { args: [{ actor: lvv, message: 'Täydennä.', deadline: '2020-01-01T00:00:00Z' }] })))
      .resolves.toMatchObject({ type: 'VALIDATION_FAILED' });
    await expect(refusal(handle.executeUpdate(supplementUpdate, { args: [{ actor: applicant.actor, requestId: 'nope', message: 'x' }] })))
      .resolves.toMatchObject({ type: 'TRANSITION_NOT_ALLOWED' });

    // The time-skipping server keeps the (empty) workflow tasks that carried the rejected updates;
    // what matters is that no update was accepted and nothing happened. (The dev server drops even
    // those tasks: test/workflows/history-privacy.test.ts checks the exact history there.)
    const added = ((await handle.fetchHistory()).events ?? []).slice(historyBefore).map((e) => e.eventType);
    expect(added.every((t) => [
      temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
      temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
      temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
    ].includes(t as temporal.api.enums.v1.EventType))).toBe(true);
    expect((await handle.query(timelineQuery)).length).toBe(timelineBefore);
    await handle.terminate('test done');
  });

  it('refuses a stale draft version, a too weak login, an empty or overlong case number and an unknown supplement request', async () => {
    const applicant = await applicantSession(db);
    const { handle } = await open(applicant);
    await handle.executeUpdate(saveDraftUpdate, { args: [{ actor: applicant.actor, form: { operatorName: 'A Oy' }, expectedVersion: 0 }] });
    await attachSitePlan(handle, applicant.actor);
    await expect(refusal(handle.executeUpdate(saveDraftUpdate, { args: [{ actor: applicant.actor, form: { operatorName: 'B Oy' }, expectedVersion: 0 }] })))
      .resolves.toMatchObject({ type: 'STALE_VERSION' });
    await expect(refusal(handle.executeUpdate(submitUpdate, { args: [{ actor: applicant.actor, draftVersion: 0 }] })))
      .resolves.toMatchObject({ type: 'STALE_VERSION' });
    // An incomplete form is refused at submission with the fields that need attention; the draft stays.
    const incomplete = await refusal(handle.executeUpdate(submitUpdate, { args: [{ actor: applicant.actor, draftVersion: 1 }] }));
    expect(incomplete.type).toBe('FORM_REJECTED');
    expect((await handle.query(statusQuery)).status).toBe('DRAFT');
    // The same applicant with a weaker login than the service needs (Finnish Authenticator: low).
    await expect(refusal(handle.executeUpdate(saveDraftUpdate, { args: [{ actor: { ...applicant.actor, loa: 'low' }, form: environmentalForm }] })))
      .resolves.toMatchObject({ type: 'LOA_TOO_LOW' });

    await handle.executeUpdate(saveDraftUpdate, { args: [{ actor: applicant.actor, form: environmentalForm, expectedVersion: 1 }] });
    await handle.executeUpdate(submitUpdate, { args: [{ actor: applicant.actor, draftVersion: 2 }] });
    const lvv = officialOf('lvv');
    for (const caseNumber of ['', ' ', 'x'.repeat(TEXT_LIMITS.caseNumber + 1)]) {
      await expect(refusal(handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: lvv, caseNumber }] }))).resolves.toMatchObject({ type: 'VALIDATION_FAILED' });
    }
    await handle.executeUpdate(acknowledgeUpdate, { args: [{ actor: lvv, caseNumber: 'x'.repeat(TEXT_LIMITS.caseNumber) }] });
    await handle.executeUpdate(requestSupplementUpdate, { args: [{ actor: lvv, message: 'Lisätietoja.' }] });
    await expect(refusal(handle.executeUpdate(supplementUpdate, { args: [{ actor: applicant.actor, requestId: 'not-the-request', message: 'x' }] })))
      .resolves.toMatchObject({ type: 'VALIDATION_FAILED' });
    await handle.terminate('test done');
  });
});
