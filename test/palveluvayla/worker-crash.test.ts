/**
 * [#4] A worker that dies in the middle of a send (no shutdown, no cancellation: the process is
 * killed) leaves the send to Temporal's timeouts. The send heartbeats, so it is tried again by another
 * worker within seconds, with the same X-Road-Id, rather than after the activity's whole time limit.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createActivities } from '../../activities';
import { createPtvDeps } from '../../activities/ptv';
import { loadPtvConfig } from '../../activities/ptv/config';
import { logger } from '../../infra/logger';
import { connectWorker } from '../../infra/temporal/connection';
import { createWorker } from '../../workers/worker';
import type { Caller } from '../api/http';
import { testCoreConfig } from '../support/env';
import type { TestStack } from '../support/stack';
import { authorityCase, caseWhen, control, exchangeOf, startExchangeStack, submitApplication, timelineTypes, waitFor } from './support';

const ROOT = path.join(__dirname, '..', '..');

describe('[#4] A send lost with a crashed worker', () => {
  let stack: TestStack;
  let tessa: Caller;
  let olli: Caller;

  beforeAll(async () => {
    ({ stack, tessa, olli } = await startExchangeStack());
    await stack.stopWorker();
  });
  afterAll(async () => stack?.stop());

  it('is sent again by another worker within seconds, with the same X-Road-Id, and delivered once', async () => {
    const ss = stack.xroad.sandbox.urls.platformSecurityServer;
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/palveluvayla/worker-process.ts'], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TEMPORAL_TASK_QUEUE: stack.taskQueue, XROAD_SECURITY_SERVER_URL: ss, XROAD_TIMEOUT_MS: '60000' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    let worker: Awaited<ReturnType<typeof createWorker>> | undefined;
    let running: Promise<void> | undefined;
    try {
      await waitFor(async () => output, (o) => o.includes('test_worker_running'), 60_000);
      // The platform's security server holds the application 20 s: the send is in flight when its worker dies.
      await control(ss, 'POST', '/_control/faults', { mode: 'delay', delayMs: 20_000, pathContains: '/applications' });
      const { applicationId } = await submitApplication(stack, tessa);
      await waitFor(() => control(ss, 'GET', '/_control/faults'), (faults) => faults.length === 0);
      child.kill('SIGKILL');
      await exited;

      const config = testCoreConfig({ TEMPORAL_TASK_QUEUE: stack.taskQueue });
      const connection = await connectWorker(config);
      worker = await createWorker({ connection, config, activities: createActivities({ db: stack.db, logger, ptv: createPtvDeps(loadPtvConfig()), palveluvayla: stack.xroad.client, notifications: stack.notifications }) });
      running = worker.run().finally(() => connection.close());

      // Well before the activity's 90 s time limit would have let Temporal try again.
      await caseWhen(stack, tessa, applicationId, (v) => v.status === 'DELIVERED', 40_000);
      // The held message reaches the authority too, late: it recognises the X-Road-Id and stores the application once.
      const held = await waitFor(() => authorityCase(stack, applicationId), (c) => c.deliveries === 2, 30_000);
      const [outbound] = await exchangeOf(stack, olli, applicationId);
      expect(held.messageIds).toEqual([outbound.id]);
      expect(outbound).toMatchObject({ type: 'application', status: 'delivered', attempts: 2 });
      expect((await timelineTypes(stack, tessa, applicationId)).filter((t) => t === 'DELIVERED')).toHaveLength(1);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await control(ss, 'DELETE', '/_control/faults');
      worker?.shutdown();
      await running;
    }
  }, 150_000);
});
