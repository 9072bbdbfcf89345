import { percentile, round1 } from './stats';

/** p50/p90/p99/max (ms, one decimal) and count of a set of latencies: what the api-latency part reports. */
export interface FullLatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/**
 * Exact nearest-rank percentiles over every sample: a 20-second run at 200 req/s keeps 4,000 numbers,
 * which sort in a millisecond, so no HDR histogram (whose point is bounded memory for millions) is needed.
 */
export function fullLatencySummary(samples: readonly number[]): FullLatencySummary {
  return {
    count: samples.length,
    p50: round1(percentile(samples, 50)),
    p90: round1(percentile(samples, 90)),
    p99: round1(percentile(samples, 99)),
    max: round1(samples.reduce((m, x) => Math.max(m, x), 0)),
  };
}
