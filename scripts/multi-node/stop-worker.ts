import type { Client } from '@temporalio/client';
import { SA } from '../../workflows/search-attributes';
import type { WorkerNode } from './topology';

/** A pending mid-run stop; `finished()` ends the wait and says when the worker exited (null: it never got busy enough). */
export interface PendingStop {
  finished(): Promise<{ exitedAtMs: number } | null>;
}

/**
 * Sends `worker` SIGTERM (the SDK drains it: in-flight tasks finish, polling stops) once `afterCases`
 * cases on `taskQueue` are decided (their workflows then wait out the appeal period, so none has
 * completed yet), so the rest of the run must go to the other workers.
 */
export function stopWorkerOnceBusy(client: Client, taskQueue: string, worker: WorkerNode, afterCases: number, progress: (line: string) => void): PendingStop {
  let done = false;
  const run = (async () => {
    while (!done) {
      const { count } = await client.workflow.count(`TaskQueue = "${taskQueue}" AND ${SA.status.name} = "DECIDED"`);
      if (count >= afterCases) {
        progress(`${count} cases decided: SIGTERM to ${worker.name} (pid ${worker.pid})`);
        await worker.child.stop();
        const exitedAtMs = Date.now();
        progress(`${worker.name} drained and exited; the others carry on`);
        return { exitedAtMs };
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return null;
  })();
  return {
    finished: () => {
      done = true;
      return run;
    },
  };
}
