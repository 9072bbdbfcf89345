import { call, eventually, expectError, type Caller } from './http';
import { completeForm, SERVICE_ID } from './forms';
import { startTestStack, type TestStack } from '../support/stack';
import { attachSitePlan } from '../support/attachments';

/** Generous for a read from PostgreSQL; a read that waited for a worker would not answer at all. */
const FAST_MS = 1000;
/** How long a start waits for a worker to open the case, in this file. */
const START_TIMEOUT_MS = 1000;

describe('[#2] Reading cases while no worker runs', () => {
  let stack: TestStack;
  let tessa: Caller;  // applicant
  let kaisa: Caller;  // handler at lvv
  let olli: Caller;   // operator
  let applicationId: string;
  let submittedAt: string;

  const api = (caller: Caller, method: string, path: string, body?: unknown) => call(stack.baseUrl, caller, method, path, { body });
  const timed = async (caller: Caller, path: string) => {
    const began = Date.now();
    const answer = await api(caller, 'GET', path);
    return { ...answer, ms: Date.now() - began };
  };

  beforeAll(async () => {
    stack = await startTestStack({ env: { APPLICATION_START_TIMEOUT_MS: String(START_TIMEOUT_MS) } });
    [tessa, kaisa, olli] = await Promise.all([
      stack.login('suomifi', '010280-952L'),
      stack.login('virtu', 'kaisa.kasittelija@lvv.fi'),
      stack.login('virtu', 'olli.operaattori@lvv.fi'),
    ]);
    // A case in handling (its handling clock running), made while the worker still runs.
    const started = await api(tessa, 'POST', '/api/v1/applications', { serviceId: SERVICE_ID });
    applicationId = started.body.applicationId;
    const saved = await api(tessa, 'PUT', `/api/v1/applications/${applicationId}/draft`, { form: completeForm });
    await attachSitePlan(stack.baseUrl, tessa, applicationId);
    const receipt = await api(tessa, 'POST', `/api/v1/applications/${applicationId}/submit`, { draftVersion: saved.body.draft.version });
    submittedAt = receipt.body.submittedAt;
    const acknowledged = await api(kaisa, 'POST', `/api/v1/official/cases/${applicationId}/acknowledge`, { caseNumber: 'LVV/77/2026' });
    expect(acknowledged.body).toMatchObject({ status: 'IN_HANDLING', handlingClock: { running: true } });
    await stack.stopWorker();
  });
  afterAll(async () => stack?.stop());

  it('shows the applicant and the official the case and its timeline, at once, from the read model', async () => {
    const own = `/api/v1/applications/${applicationId}`;
    const official = `/api/v1/official/cases/${applicationId}`;
    const reads = [await timed(tessa, own), await timed(tessa, `${own}/timeline`), await timed(kaisa, official), await timed(kaisa, `${official}/timeline`)];
    for (const read of reads) expect({ status: read.status, fast: read.ms < FAST_MS }).toEqual({ status: 200, fast: true });
    const [view, timeline, officialView, officialTimeline] = reads.map((r) => r.body);
    expect(view).toMatchObject({ applicationId, status: 'IN_HANDLING', caseNumber: 'LVV/77/2026', draft: { form: completeForm } });
    expect(officialView).toMatchObject({ applicationId, status: 'IN_HANDLING', caseNumber: 'LVV/77/2026' });
    expect(timeline.map((e: { type: string }) => e.type).slice(-3)).toEqual(['SUBMITTED', 'DELIVERED', 'ACKNOWLEDGED']);
    expect(officialTimeline).toEqual(timeline);
  });

  it('keeps the handling clock counting between the workflow\'s writes', async () => {
    const own = `/api/v1/applications/${applicationId}`;
    const before = Date.now();
    const first = await api(tessa, 'GET', own);
    const after = Date.now();
    // Counted from the submission, as the workflow counts it (one second of slack for the workflow's task time).
    const sinceSubmission = (at: number) => at - Date.parse(submittedAt);
    expect(first.body.handlingClock.elapsedMs).toBeGreaterThanOrEqual(sinceSubmission(before) - 1000);
    expect(first.body.handlingClock.elapsedMs).toBeLessThanOrEqual(sinceSubmission(after) + 1000);
    await new Promise((r) => setTimeout(r, 400));
    const second = await api(tessa, 'GET', own);
    expect(second.body.handlingClock.elapsedMs - first.body.handlingClock.elapsedMs).toBeGreaterThanOrEqual(350);
    expect(second.body.updatedAt).toBe(first.body.updatedAt);
  });

  it('answers a start with 503 and the application number once the wait ends, and the operator finds that case', async () => {
    const began = Date.now();
    const started = await api(tessa, 'POST', '/api/v1/applications', { serviceId: SERVICE_ID });
    const waited = Date.now() - began;
    const error = expectError(started, 503, 'DEPENDENCY_UNAVAILABLE');
    expect(error.message).toBe('The case was created but is not ready yet; it will appear in your applications list.');
    expect(error.details.applicationId).toMatch(/^LV-\d{4}-\d{6}$/);
    expect(waited).toBeGreaterThanOrEqual(START_TIMEOUT_MS);
    expect(waited).toBeLessThan(START_TIMEOUT_MS + 5000);

    // The case exists in Temporal with the search attributes it started with, waiting for a worker.
    const listStarted = () => api(olli, 'GET', `/api/v1/operator/cases?service=${SERVICE_ID}&authority=lvv&status=STARTED`);
    const found = await eventually(listStarted, (a) => a.status !== 200 || a.body.some((c: { workflowId: string }) => c.workflowId === error.details.applicationId));
    expect(found.body.find((c: { workflowId: string }) => c.workflowId === error.details.applicationId))
      .toMatchObject({ service: SERVICE_ID, authority: 'lvv', status: 'STARTED', executionStatus: 'RUNNING' });
  });
});
