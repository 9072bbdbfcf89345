/**
 * The benchmark's ceiling is only fair if the bare workflow costs Temporal what a real lifecycle does.
 * Its shape is read from a real lifecycle's history (bench/history-shape.ts lifecycleSteps); the bare
 * workflow must then leave the same steps (updates, activities, timers) in its own history, and the
 * comparison the bench prints must notice a bare run that does less.
 */
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { startBareRunner, type BareRunner } from '../../bench/bare-ceiling';
import type { BareShape } from '../../bench/bare-shape';
import { historyShape, lifecycleSteps, shapeDifferences } from '../../bench/history-shape';
import { workflowsPath } from '../../workers/worker';
import {
  acknowledgeUpdate, APPLICATION_WORKFLOW_TYPE, decideUpdate, openUpdate, requestSupplementUpdate, saveDraftUpdate,
  statusQuery, submitUpdate, supplementUpdate, type Actor, type ServiceSettings, type StartApplicationInput,
} from '../../workflows/application/messages';

const applicant: Actor = { kind: 'applicant', ref: 'applicant-ref', name: 'Tessa Testilä' };
const official: Actor = { kind: 'official', ref: 'kaisa@lvv.fi', name: 'Kaisa Käsittelijä', authorityId: 'lvv' };
const settings: ServiceSettings = {
  id: 'ymparistolupa', names: { fi: 'Ympäristölupa', sv: 'Miljötillstånd', en: 'Environmental permit' }, authorityId: 'lvv',
  handlingMode: 'portal', requiredLoa: 'substantial', formSchema: { type: 'object' }, handlingTimeDays: 120,
  supplementDeadlineDays: 30, draftExpiryDays: 90, acknowledgementDeadlineDays: 14, appealPeriodDays: 30,
  representation: { organisationRoles: ['TJ', 'NIMKO'], issueUris: [] }, xroad: null,
};

/** The real workflow's activities, answering at once, so only their number shows in the history. */
const stubActivities = {
  loadServiceSettings: async () => settings,
  verifySession: async () => ({ loa: 'substantial' }),
  recordEvents: async () => undefined,
  createReceipt: async (input: { applicationId: string; submittedAt: string }) => ({
    receiptId: `R-${input.submittedAt}`, applicationId: input.applicationId, submittedAt: input.submittedAt, contentSha256: '0'.repeat(64),
  }),
  notifyAuthorityOfSubmission: async () => 'sent',
  notifyApplicantOfSupplementRequest: async () => 'sent',
  notifyApplicantOfDecision: async () => 'sent',
};

describe('[#7] the benchmark bare workflow', () => {
  let connection: Connection;
  let nativeConnection: NativeConnection;
  let client: Client;
  let bare: BareRunner;
  const address = process.env.TEMPORAL_ADDRESS as string;
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const runId = `${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    // First: the bare runner installs the SDK runtime, which a Worker.create would otherwise install with defaults.
    bare = await startBareRunner({ temporalAddress: address, namespace });
    connection = await Connection.connect({ address });
    nativeConnection = await NativeConnection.connect({ address });
    client = new Client({ connection, namespace });
  });
  afterAll(async () => {
    await bare?.close();
    await connection?.close();
    await nativeConnection?.close();
  });

  /** A real portal lifecycle, start to DECIDED, on the real workflow code with instant activities. */
  async function realLifecycle(workflowId: string) {
    const taskQueue = `shape-real-${runId}`;
    const worker = await Worker.create({ connection: nativeConnection, namespace, taskQueue, workflowsPath, activities: stubActivities });
    const input: StartApplicationInput = { applicationId: workflowId, serviceId: 'ymparistolupa', sessionRef: 'session-1', applicant, principal: null, language: 'fi' };
    const real = client.workflow.getHandle(workflowId);
    return worker.runUntil(async () => {
      await client.workflow.executeUpdateWithStart(openUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation(APPLICATION_WORKFLOW_TYPE, { workflowId, taskQueue, args: [input], workflowIdConflictPolicy: 'FAIL' }),
      });
      await real.executeUpdate(saveDraftUpdate, { args: [{ actor: applicant, form: { name: 'Asfalttiasema' } }] });
      await real.executeUpdate(submitUpdate, { args: [{ actor: applicant, draftVersion: 1 }] });
      await real.executeUpdate(acknowledgeUpdate, { args: [{ actor: official, caseNumber: 'LVV/1/2026' }] });
      const { requestId } = await real.executeUpdate(requestSupplementUpdate, { args: [{ actor: official, message: 'Meluselvitys?' }] });
      await real.executeUpdate(supplementUpdate, { args: [{ actor: applicant, requestId, message: 'Liitteenä.' }] });
      await real.executeUpdate(decideUpdate, { args: [{ actor: official, outcome: 'APPROVED', text: 'Myönnetään.' }] });
      expect((await real.query(statusQuery)).status).toBe('DECIDED');
      return real.fetchHistory();
    });
  }

  it('repeats the steps read from a real history: the same updates, activities and timers, step by step', async () => {
    const realHistory = await realLifecycle(`shape-real-${runId}`);
    const steps = lifecycleSteps(realHistory);
    expect(steps.map((s) => s.name)).toEqual(['open', 'saveDraft', 'submit', 'acknowledge', 'requestSupplement', 'supplement', 'decide']);
    expect(steps[0].kind).toBe('updateWithStart');
    expect(steps.reduce((sum, s) => sum + s.timersStarted, 0)).toBeGreaterThan(0);

    const bareId = `shape-bare-${runId}`;
    await bare.lifecycle(bareId, { steps, queries: 2 });
    const bareHistory = await client.workflow.getHandle(bareId).fetchHistory();
    expect(lifecycleSteps(bareHistory)).toEqual(steps);
    expect(shapeDifferences(historyShape(realHistory), historyShape(bareHistory))).toEqual([]);

    // The bench's own check notices a bare run that leaves out an activity.
    const short: BareShape = { steps: steps.map((s) => (s.name === 'submit' ? { ...s, activities: s.activities - 1 } : s)), queries: 0 };
    const shortId = `shape-short-${runId}`;
    await bare.lifecycle(shortId, short);
    const differences = shapeDifferences(historyShape(realHistory), historyShape(await client.workflow.getHandle(shortId).fetchHistory()));
    expect(differences).toEqual([expect.stringMatching(/^activities: lifecycle \d+, bare \d+$/)]);

    await Promise.all([`shape-real-${runId}`, bareId, shortId].map((id) => client.workflow.getHandle(id).terminate('shape test done')));
  });

  it('refuses a bare update out of the order of its shape', async () => {
    const steps = [
      { kind: 'updateWithStart' as const, name: 'open', activities: 1, timersStarted: 0, timersCancelled: 0 },
      { kind: 'update' as const, name: 'submit', activities: 0, timersStarted: 0, timersCancelled: 0 },
    ];
    const id = `shape-order-${runId}`;
    await bare.lifecycle(id, { steps, queries: 0 });
    await expect(client.workflow.getHandle(id).executeUpdate('submit')).rejects.toMatchObject({ cause: { message: 'bare lifecycle: expected update (none), got submit' } });
    await client.workflow.getHandle(id).terminate('shape test done');
  });
});
