import { Counter, type Metric } from 'prom-client';

const caseEvents = new Counter({
  name: 'lupaflow_case_events_total',
  help: 'Case events written to the event log (each once, however often its write is retried), by event type: the case transitions.',
  labelNames: ['type'],
  registers: [],
});

/** Counts events the event log took for the first time. */
export function countCaseEvents(types: readonly string[]): void {
  for (const type of types) caseEvents.inc({ type });
}

/** For the worker's registry (workers/telemetry/metrics.ts). */
export const caseMetrics: Metric[] = [caseEvents];
