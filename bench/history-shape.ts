import { temporal } from '@temporalio/proto';
import type { BareStep } from './bare-shape';

type History = temporal.api.history.v1.IHistory;

const E = temporal.api.enums.v1.EventType;

/** The history events that make a lifecycle's cost on the server: what the bare workflow must repeat. */
const COUNTED = {
  activities: temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
  updates: temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
  timers: temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED,
  searchAttributeUpserts: temporal.api.enums.v1.EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
  workflowTasks: temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
} as const;

export type HistoryShape = Record<keyof typeof COUNTED | 'events' | 'payloadBytes', number>;

/** Counts the events of one workflow history that matter for comparing a lifecycle with the bare one. */
export function historyShape(history: History): HistoryShape {
  const events = history.events ?? [];
  const shape = { events: events.length, payloadBytes: events.reduce((sum, e) => sum + payloadBytes(e), 0) } as HistoryShape;
  for (const [name, type] of Object.entries(COUNTED) as [keyof typeof COUNTED, number][]) {
    shape[name] = events.filter((e) => e.eventType === type).length;
  }
  return shape;
}

/**
 * The steps of a lifecycle's history: each accepted update (the first one came with the start) and the
 * activities scheduled and timers started and cancelled until the next one. What the workflow did
 * before it accepted its first update counts to that first step.
 */
export function lifecycleSteps(history: History): BareStep[] {
  const first: BareStep = { kind: 'updateWithStart', name: '', activities: 0, timersStarted: 0, timersCancelled: 0 };
  const steps: BareStep[] = [first];
  for (const e of history.events ?? []) {
    if (e.eventType === COUNTED.updates) {
      const name = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? '?';
      if (first.name === '') first.name = name;
      else steps.push({ kind: 'update', name, activities: 0, timersStarted: 0, timersCancelled: 0 });
    }
    const step = steps[steps.length - 1];
    if (e.eventType === COUNTED.activities) step.activities++;
    else if (e.eventType === COUNTED.timers) step.timersStarted++;
    else if (e.eventType === E.EVENT_TYPE_TIMER_CANCELED) step.timersCancelled++;
  }
  if (first.name === '') throw new Error('the history has no update: not a lifecycle started with update-with-start');
  return steps;
}

/** Bytes of every payload (as stored: encrypted, with its metadata) in one event. */
function payloadBytes(value: unknown): number {
  if (value instanceof Uint8Array) return value.length;
  if (value === null || typeof value !== 'object') return 0;
  let sum = 0;
  for (const v of Array.isArray(value) ? value : Object.values(value)) sum += payloadBytes(v);
  return sum;
}

/** One line per differing count, empty when the two shapes match in activities, updates and timers. */
export function shapeDifferences(real: HistoryShape, bare: HistoryShape): string[] {
  return (['activities', 'updates', 'timers'] as const)
    .filter((k) => real[k] !== bare[k])
    .map((k) => `${k}: lifecycle ${real[k]}, bare ${bare[k]}`);
}

/** Where a lifecycle's time went, from the event times of its history (ms, summed over the lifecycle). */
export interface HistoryTimings {
  /** Activity execution (started → completed), by activity type. */
  activityMs: Record<string, number>;
  /** Activities waiting for a worker (scheduled → started). */
  activityQueueMs: number;
  /** Workflow tasks on the worker (started → completed). */
  workflowTaskMs: number;
  /** Workflow tasks waiting for a worker (scheduled → started). */
  workflowTaskQueueMs: number;
}


export function historyTimings(history: History): HistoryTimings {
  const events = history.events ?? [];
  const byId = new Map(events.map((e) => [Number(e.eventId), e]));
  const at = (id: unknown) => eventMs(byId.get(Number(id))?.eventTime);
  const timings: HistoryTimings = { activityMs: {}, activityQueueMs: 0, workflowTaskMs: 0, workflowTaskQueueMs: 0 };
  for (const e of events) {
    if (e.eventType === E.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
      const a = e.activityTaskCompletedEventAttributes!;
      const name = byId.get(Number(a.scheduledEventId))?.activityTaskScheduledEventAttributes?.activityType?.name ?? '?';
      timings.activityMs[name] = (timings.activityMs[name] ?? 0) + eventMs(e.eventTime) - at(a.startedEventId);
      timings.activityQueueMs += at(a.startedEventId) - at(a.scheduledEventId);
    } else if (e.eventType === E.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
      const w = e.workflowTaskCompletedEventAttributes!;
      timings.workflowTaskMs += eventMs(e.eventTime) - at(w.startedEventId);
      timings.workflowTaskQueueMs += at(w.startedEventId) - at(w.scheduledEventId);
    }
  }
  return timings;
}

function eventMs(ts: { seconds?: unknown; nanos?: number | null } | null | undefined): number {
  return ts ? Number(String(ts.seconds ?? 0)) * 1000 + (ts.nanos ?? 0) / 1e6 : 0;
}
