import type { CoreConfig } from '../config/core';
import { connectClient } from '../temporal/connection';

/** temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW (@temporalio/proto is not a direct dependency). */
const WORKFLOW_TASK_QUEUE = 1;

/**
 * Waits until the worker process `pid` polls the application task queue (the SDK's default worker
 * identity is `<pid>@<host>`), so "ready" means a started application is also picked up at once.
 */
export async function waitForWorkerPolling(config: CoreConfig, pid: number, timeoutMs: number, gaveUp: () => string | null): Promise<void> {
  const client = await connectClient(config);
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const reason = gaveUp();
      if (reason) throw new Error(reason);
      const { pollers } = await client.workflowService.describeTaskQueue({
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: { name: config.TEMPORAL_TASK_QUEUE },
        taskQueueType: WORKFLOW_TASK_QUEUE,
      });
      if (pollers?.some((poller) => poller.identity?.startsWith(`${pid}@`))) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the worker did not poll task queue ${config.TEMPORAL_TASK_QUEUE} within ${timeoutMs} ms`);
  } finally {
    await client.connection.close();
  }
}
