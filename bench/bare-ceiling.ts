import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DEFAULT_MAX_CACHED_WORKFLOWS } from '../workers/worker';
import { bareActivities } from './bare-activities';
import { BARE_QUERY, type BareShape } from './bare-shape';
import { bareLifecycle } from './bare-workflow';

/** Runs bare lifecycles on a worker of this process; `close()` stops the worker and its connections. */
export interface BareRunner {
  /** One bare lifecycle of `shape` under `workflowId`; `record` receives each client call's latency by step. */
  lifecycle(workflowId: string, shape: BareShape, record?: (step: string, ms: number) => void): Promise<void>;
  /** Ends bare lifecycles (they wait forever), so a platform the bench does not own keeps no trace of them running. */
  terminate(workflowIds: string[]): Promise<void>;
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
      lifecycle: (workflowId, shape, record = () => {}) => runBareLifecycle(client, taskQueue, workflowId, shape, record),
      async terminate(workflowIds) {
        for (const id of workflowIds) await client.workflow.getHandle(id).terminate('bench done');
      },
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

/** One bare lifecycle: the same messages, in the same order, as the real lifecycle got; then its queries. */
async function runBareLifecycle(client: Client, taskQueue: string, workflowId: string, shape: BareShape, record: (step: string, ms: number) => void): Promise<void> {
  const timed = async (step: string, call: () => Promise<unknown>) => {
    const started = performance.now();
    await call();
    record(step, performance.now() - started);
  };
  const [first, ...rest] = shape.steps;
  const start = new WithStartWorkflowOperation(bareLifecycle, { workflowId, taskQueue, args: [shape.steps], workflowIdConflictPolicy: 'FAIL' });
  await timed(`updateWithStart ${first.name}`, () => client.workflow.executeUpdateWithStart(first.name, { startWorkflowOperation: start }));
  const handle = await start.workflowHandle();
  for (const step of rest) await timed(`update ${step.name}`, () => handle.executeUpdate(step.name));
  for (let i = 0; i < shape.queries; i++) await timed('query', () => handle.query(BARE_QUERY));
}
