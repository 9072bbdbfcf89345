import { Client, Connection, WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DEFAULT_MAX_CACHED_WORKFLOWS } from '../workers/worker';
import { bareActivities } from './bare-activities';
import { BARE_QUERY, BARE_STEPS } from './bare-shape';
import { bareLifecycle } from './bare-workflow';

/** Runs bare lifecycles on a worker of this process; `close()` stops the worker and its connections. */
export interface BareRunner {
  /** One bare lifecycle under `workflowId`; `record` receives each client call's latency by step. */
  lifecycle(workflowId: string, record?: (step: string, ms: number) => void): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a worker for the bare workflow on its own task queue of the given Temporal server: no payload
 * codec, no-op activities, the same workflow cache as the platform's worker (other options: SDK defaults
 * there too).
 */
export async function startBareRunner(opts: { temporalAddress: string; namespace: string }): Promise<BareRunner> {
  // The SDK logs every worker state change at INFO (the bench's output is its report); Ctrl-C is the bench's to handle.
  Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
  const taskQueue = `bench-bare-${process.pid}-${Date.now()}`;
  const nativeConnection = await NativeConnection.connect({ address: opts.temporalAddress });
  const connection = await Connection.connect({ address: opts.temporalAddress });
  const client = new Client({ connection, namespace: opts.namespace });
  try {
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: opts.namespace,
      taskQueue,
      workflowsPath: require.resolve('./bare-workflow'),
      activities: bareActivities,
      maxCachedWorkflows: DEFAULT_MAX_CACHED_WORKFLOWS,
    });
    const running = worker.run();
    return {
      lifecycle: (workflowId, record = () => {}) => runBareLifecycle(client, taskQueue, workflowId, record),
      async close() {
        worker.shutdown();
        await running;
        await connection.close();
        await nativeConnection.close();
      },
    };
  } catch (err) {
    await connection.close();
    await nativeConnection.close();
    throw err;
  }
}

/** One bare lifecycle: the same messages, in the same order, as the API lifecycle sends. */
async function runBareLifecycle(client: Client, taskQueue: string, workflowId: string, record: (step: string, ms: number) => void): Promise<void> {
  let handle: WorkflowHandle | undefined;
  for (const step of BARE_STEPS) {
    const started = performance.now();
    if (step.kind === 'updateWithStart') {
      const start = new WithStartWorkflowOperation(bareLifecycle, { workflowId, taskQueue, workflowIdConflictPolicy: 'FAIL' });
      await client.workflow.executeUpdateWithStart(step.name, { startWorkflowOperation: start });
      handle = await start.workflowHandle();
    } else if (!handle) {
      throw new Error('the bare lifecycle must begin with update-with-start');
    } else if (step.kind === 'update') {
      await handle.executeUpdate(step.name);
    } else {
      await handle.query(BARE_QUERY);
    }
    record(step.kind === 'query' ? 'query' : `${step.kind} ${step.name}`, performance.now() - started);
  }
}
