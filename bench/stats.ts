/** Latency summaries for the benchmark report. */

export interface LatencySummary {
  p50: number;
  p99: number;
  count: number;
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples, in the samples' unit; 0 when empty. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** p50, p99 (ms, one decimal) and count of a set of samples. */
export function summarize(samples: readonly number[]): LatencySummary {
  return { p50: round1(percentile(samples, 50)), p99: round1(percentile(samples, 99)), count: samples.length };
}

/** Rounds to one decimal, for readable JSON. */
export const round1 = (x: number) => Math.round(x * 10) / 10;
