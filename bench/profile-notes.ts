/**
 * The human-readable profile under the benchmark's table: latency by step, what one lifecycle's history
 * holds and where its time went, CPU per component and database writes per lifecycle.
 */
import os from 'node:os';
import type { CallTiming } from './api-client';
import { fetchHistories } from './history-fetch';
import { historyShape, historyTimings, shapeDifferences, type HistoryShape, type HistoryTimings } from './history-shape';
import type { PgCounters } from './pg-activity';
import { summarize } from './stats';
import type { TimedPhase } from './timed-phase';

export type Note = [string, string];

/** API call latencies grouped by route (application ids folded into `:id`). */
export function byRoute(calls: CallTiming[]): Map<string, number[]> {
  const routes = new Map<string, number[]>();
  for (const t of calls) {
    const route = `${t.method} ${t.path.replace(/LV-\d{4}-\d+/, ':id').replace(/\?.*/, '')}`;
    routes.set(route, [...(routes.get(route) ?? []), t.ms]);
  }
  return routes;
}

/** A titled block of p50/p99 rows, one per step. */
export function latencyNotes(title: string, byStep: Map<string, number[]>): Note[] {
  const rows = [...byStep].map(([step, ms]): Note => {
    const s = summarize(ms);
    return [`  ${step}`, `p50 ${s.p50} / p99 ${s.p99} ms`];
  });
  return [[title, ''], ...rows];
}

const HISTORY_SAMPLES = 10;

/** Compares real and bare histories: the same activities, updates and timers? Where did the time go? */
export async function historyNotes(address: string, namespace: string, realIds: string[], bareIds: string[]): Promise<Note[]> {
  const [real, bare] = await Promise.all([realIds, bareIds].map((ids) => fetchHistories(address, namespace, ids.slice(0, HISTORY_SAMPLES))));
  const differences = shapeDifferences(historyShape(real[0]), historyShape(bare[0]));
  return [
    ['history of one lifecycle', describeShape(historyShape(real[0]))],
    ['history of one bare lifecycle', describeShape(historyShape(bare[0]))],
    ['same activities, updates and timers', differences.length === 0 ? 'yes' : `NO: ${differences.join('; ')}`],
    [`time in history, avg of ${real.length} lifecycles`, describeTimings(real.map(historyTimings))],
    [`time in history, avg of ${bare.length} bare`, describeTimings(bare.map(historyTimings))],
  ];
}

const describeShape = (s: HistoryShape) =>
  `${s.events} events: ${s.activities} activities, ${s.updates} updates, ${s.workflowTasks} workflow tasks, ${s.timers} timers, ${s.searchAttributeUpserts} search-attribute upserts; ${(s.payloadBytes / 1024).toFixed(1)} KiB of payloads`;

/** Average per lifecycle: activity run time by type, workflow task time, and time queued for a worker. */
function describeTimings(all: HistoryTimings[]): string {
  const avg = (pick: (t: HistoryTimings) => number) => Math.round(all.reduce((sum, t) => sum + pick(t), 0) / all.length);
  const types = [...new Set(all.flatMap((t) => Object.keys(t.activityMs)))];
  const activities = types.map((name) => `${name} ${avg((t) => t.activityMs[name] ?? 0)}`).join(', ');
  return `activities ${activities} ms; workflow tasks ${avg((t) => t.workflowTaskMs)} ms; queued: activities ${avg((t) => t.activityQueueMs)} ms, workflow tasks ${avg((t) => t.workflowTaskQueueMs)} ms`;
}

/** CPU milliseconds per lifecycle by component, and how busy the machine's CPUs were with them. */
export function cpuNote(title: string, phase: TimedPhase): Note {
  const total = Object.values(phase.cpu).reduce((a, b) => a + b, 0);
  const perLifecycle = (seconds: number) => Math.round((seconds * 1000) / phase.count);
  const parts = Object.entries(phase.cpu)
    .filter(([, s]) => perLifecycle(s) > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([label, s]) => `${label} ${perLifecycle(s)}`);
  const busy = Math.round((100 * total) / (phase.seconds * os.cpus().length));
  return [title, `${phase.cpuMsPerTask} = ${parts.join(' + ')} (these processes kept the CPUs ${busy}% busy)`];
}

/** Transactions and row writes per lifecycle, from pg_stat_database (flushed lazily, hence ≈). */
export function pgNote(before: PgCounters, after: PgCounters, n: number): Note {
  const per = (k: keyof PgCounters) => ((after[k] - before[k]) / n).toFixed(1);
  return ['PostgreSQL per lifecycle (≈)', `${per('commits')} commits, ${per('inserted')} rows inserted, ${per('updated')} rows updated`];
}
