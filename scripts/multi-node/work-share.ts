/**
 * Who did the work: each workflow history names the worker that completed each workflow task and
 * started each activity (the `identity` field, `<pid>@<host>` by the SDK's default), so counting
 * those per worker process shows whether the work was shared.
 */
import type { Client } from '@temporalio/client';

/** The parts of a history event read here (of temporal.api.history.v1.IHistoryEvent; seconds may be a Long). */
interface HistoryEvent {
  eventTime?: { seconds?: number | { toNumber(): number } | null; nanos?: number | null } | null;
  workflowTaskCompletedEventAttributes?: { identity?: string | null } | null;
  activityTaskStartedEventAttributes?: { identity?: string | null } | null;
}
interface History { events?: HistoryEvent[] | null }

/** Tasks one worker ran; `afterCut` counts those at or after the cut time (the moment a worker was stopped). */
export interface WorkCount {
  workflowTasks: number;
  activityTasks: number;
  afterCut: number;
}

/** What each named worker ran, and what no known worker claims (another process on the same queue). */
export interface WorkShare {
  perWorker: Record<string, WorkCount>;
  unattributed: WorkCount;
  cases: number;
}

const empty = (): WorkCount => ({ workflowTasks: 0, activityTasks: 0, afterCut: 0 });

/** The identity that ran this event's task and its kind, for the two event types that name one. */
function taskOf(event: HistoryEvent): { identity: string; kind: 'workflowTasks' | 'activityTasks' } | null {
  const workflowTask = event.workflowTaskCompletedEventAttributes?.identity;
  if (workflowTask) return { identity: workflowTask, kind: 'workflowTasks' };
  const activity = event.activityTaskStartedEventAttributes?.identity;
  if (activity) return { identity: activity, kind: 'activityTasks' };
  return null;
}

function eventMillis(event: HistoryEvent): number {
  const time = event.eventTime;
  if (!time) return 0;
  const seconds = typeof time.seconds === 'number' ? time.seconds : time.seconds?.toNumber() ?? 0;
  return seconds * 1000 + Math.floor((time.nanos ?? 0) / 1e6);
}

/** Counts the tasks in `histories` per worker, matching identities `<pid>@…` to the workers' pids. */
export function countWorkShare(histories: History[], workers: { name: string; pid: number }[], cutAtMs = Number.POSITIVE_INFINITY): WorkShare {
  const perWorker: Record<string, WorkCount> = Object.fromEntries(workers.map((w) => [w.name, empty()]));
  const byPid = new Map(workers.map((w) => [String(w.pid), w.name]));
  const unattributed = empty();
  for (const history of histories) {
    for (const event of history.events ?? []) {
      const task = taskOf(event);
      if (!task) continue;
      const name = byPid.get(task.identity.split('@')[0]);
      const count = name ? perWorker[name] : unattributed;
      count[task.kind] += 1;
      if (eventMillis(event) >= cutAtMs) count.afterCut += 1;
    }
  }
  return { perWorker, unattributed, cases: histories.length };
}

/** The histories of every workflow on `taskQueue` (the platform's queue: bare bench workflows run elsewhere). */
export async function fetchHistories(client: Client, taskQueue: string): Promise<History[]> {
  const histories: History[] = [];
  for await (const execution of client.workflow.list({ query: `TaskQueue = "${taskQueue}"` })) {
    histories.push(await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory());
  }
  return histories;
}
