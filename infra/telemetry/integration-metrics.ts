import { performance } from 'node:perf_hooks';
import { Histogram, type Metric } from 'prom-client';

/** The outside systems the platform calls, each through its one client. */
export type IntegrationSystem = 'valtuudet' | 'palveluvayla' | 'ptv' | 'smtp';

/** `ok`; `refused`: the system answered no (4xx, a client.* X-Road error); `failed`: unreachable, timed out, 5xx. */
export type IntegrationOutcome = 'ok' | 'refused' | 'failed';

const duration = new Histogram({
  name: 'lupaflow_integration_request_duration_seconds',
  help: 'Duration of calls to outside systems, by system, operation (a path template, never ids) and outcome.',
  labelNames: ['system', 'operation', 'outcome'],
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [],
});

/** Integration latencies of this process, for the API's and the worker's registries to include. */
export const integrationMetrics: Metric[] = [duration];

/** How a call's result or error counts; by default a result is `ok` and an error `failed`. */
export interface OutcomeOf<T> {
  result?(value: T): IntegrationOutcome;
  error?(err: unknown): IntegrationOutcome;
}

/** Times one call to an outside system and records it under `operation` (which must name no id or person). */
export async function measureIntegration<T>(system: IntegrationSystem, operation: string, call: () => Promise<T>, outcomeOf: OutcomeOf<T> = {}): Promise<T> {
  const started = performance.now();
  const observe = (outcome: IntegrationOutcome) => duration.observe({ system, operation, outcome }, (performance.now() - started) / 1000);
  try {
    const value = await call();
    observe(outcomeOf.result?.(value) ?? 'ok');
    return value;
  } catch (err) {
    observe(outcomeOf.error?.(err) ?? 'failed');
    throw err;
  }
}

/** An HTTP status as an outcome. */
export const outcomeOfStatus = (status: number): IntegrationOutcome => (status < 400 ? 'ok' : status < 500 && status !== 429 && status !== 408 ? 'refused' : 'failed');

// A segment kept as is: a word (`service`, `hpa`, `Connection`); one with a digit may be an id, an identity code or a number.
const LITERAL_SEGMENT = /^[A-Za-z][A-Za-z._-]{0,39}$/;

/** `POST /service/hpa/user/register/:id/:id` from a path with ids, identity codes or a query in it: bounded labels, no personal data. */
export function operationOf(method: string, path: string): string {
  const segments = path.split('?')[0].split('/').map((s) => (s === '' || LITERAL_SEGMENT.test(s) ? s : ':id'));
  return `${method.toUpperCase()} ${segments.join('/')}`;
}
