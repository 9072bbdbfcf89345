/**
 * The benchmark's ceiling is only fair if the bare workflow costs Temporal what a real lifecycle does:
 * the same update-with-start, updates, queries and activities, step by step (issue 2 §6).
 */
import { Client, Connection, WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { NativeConnection, Worker } from '@temporalio/worker';
import { bareActivities } from '../../bench/bare-activities';
import { BARE_QUERY, BARE_STEPS } from '../../bench/bare-shape';
import { bareLifecycle } from '../../bench/bare-workflow';
import { workflowsPath } from '../../workers/worker';
import {
  acknowledgeUpdate, APPLICATION_WORKFLOW_TYPE, decideUpdate, openUpdate, requestSupplementUpdate, saveDraftUpdate,
  statusQuery, submitUpdate, supplementUpdate, type Actor, type ServiceSettings, type StartApplicationInput,
} from '../../workflows/application/messages';

const ACTIVITY_SCHEDULED = temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED;
const UPDATE_ACCEPTED = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED;

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

describe('[#2] the benchmark bare workflow', () => {
  let connection: Connection;
  let nativeConnection: NativeConnection;
  let client: Client;
  const address = process.env.TEMPORAL_ADDRESS as string;
  const namespace = process.env.TEMPORAL_NAMESPACE ?? 'default';
  const runId = `${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    connection = await Connection.connect({ address });
    nativeConnection = await NativeConnection.connect({ address });
    client = new Client({ connection, namespace });
  });
  afterAll(async () => {
    await connection?.close();
    await nativeConnection?.close();
  });

  /** Activities and updates in the history after each step of the lifecycle. */
  async function countsAfterEachStep(handle: () => WorkflowHandle, steps: (() => Promise<unknown>)[]): Promise<string[]> {
    const counts: string[] = [];
    for (const step of steps) {
      await step();
      const events = (await handle().fetchHistory()).events ?? [];
      const count = (type: number) => events.filter((e) => e.eventType === type).length;
      counts.push(`${count(ACTIVITY_SCHEDULED)} activities, ${count(UPDATE_ACCEPTED)} updates`);
    }
    return counts;
  }

  it('schedules as many activities and accepts as many updates as a real lifecycle, step by step', async () => {
    const realQueue = `shape-real-${runId}`;
    const bareQueue = `shape-bare-${runId}`;
    const realWorker = await Worker.create({ connection: nativeConnection, namespace, taskQueue: realQueue, workflowsPath, activities: stubActivities });
    const bareWorker = await Worker.create({
      connection: nativeConnection, namespace, taskQueue: bareQueue, workflowsPath: require.resolve('../../bench/bare-workflow'), activities: bareActivities,
    });

    const realId = `shape-real-${runId}`;
    const input: StartApplicationInput = {
      applicationId: realId, serviceId: 'ymparistolupa', sessionRef: 'session-1', applicant, principal: null, language: 'fi',
    };
    const real = client.workflow.getHandle(realId);
    let requestId = '';
    const realSteps: Record<string, () => Promise<unknown>> = {
      open: () => client.workflow.executeUpdateWithStart(openUpdate, {
        startWorkflowOperation: new WithStartWorkflowOperation(APPLICATION_WORKFLOW_TYPE, {
          workflowId: realId, taskQueue: realQueue, args: [input], workflowIdConflictPolicy: 'FAIL',
        }),
      }),
      saveDraft: () => real.executeUpdate(saveDraftUpdate, { args: [{ actor: applicant, form: { name: 'Asfalttiasema' } }] }),
      submit: () => real.executeUpdate(submitUpdate, { args: [{ actor: applicant, draftVersion: 1 }] }),
      acknowledge: () => real.executeUpdate(acknowledgeUpdate, { args: [{ actor: official, caseNumber: 'LVV/1/2026' }] }),
      requestSupplement: async () => {
        requestId = (await real.executeUpdate(requestSupplementUpdate, { args: [{ actor: official, message: 'Meluselvitys?' }] })).requestId;
      },
      supplement: () => real.executeUpdate(supplementUpdate, { args: [{ actor: applicant, requestId, message: 'Liitteenä.' }] }),
      decide: () => real.executeUpdate(decideUpdate, { args: [{ actor: official, outcome: 'APPROVED', text: 'Myönnetään.' }] }),
    };

    const bareId = `shape-bare-${runId}`;
    const bareStart = new WithStartWorkflowOperation(bareLifecycle, { workflowId: bareId, taskQueue: bareQueue, workflowIdConflictPolicy: 'FAIL' });
    const bare = client.workflow.getHandle(bareId);

    const realCounts = await realWorker.runUntil(async () => {
      const counts = await countsAfterEachStep(() => real, BARE_STEPS.map((s) => (s.kind === 'query' ? () => real.query(statusQuery) : realSteps[s.name])));
      expect((await real.query(statusQuery)).status).toBe('DECIDED');
      return counts;
    });
    const bareCounts = await bareWorker.runUntil(countsAfterEachStep(() => bare, BARE_STEPS.map((s) => {
      if (s.kind === 'query') return () => bare.query(BARE_QUERY);
      if (s.kind === 'updateWithStart') return () => client.workflow.executeUpdateWithStart(s.name, { startWorkflowOperation: bareStart });
      return () => bare.executeUpdate(s.name);
    })));

    expect(bareCounts).toEqual(realCounts);
    await Promise.all([real.terminate('shape test done'), bare.terminate('shape test done')]);
  });
});
