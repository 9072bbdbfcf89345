/** Requests each API instance served, from its own Prometheus /metrics (http_request_duration_seconds). */

/** Routes that are the run's own probes, not the bench's traffic. */
const PROBES = new Set(['/metrics', '/health']);

/** Sums `http_request_duration_seconds_count` over every route but the probes, from Prometheus text. */
export function countRequests(metricsText: string): number {
  let total = 0;
  for (const line of metricsText.split('\n')) {
    if (!line.startsWith('http_request_duration_seconds_count{')) continue;
    const route = /route="([^"]*)"/.exec(line)?.[1];
    if (route !== undefined && PROBES.has(route)) continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

/** Requests served so far by each API instance, by name. */
export async function requestsPerApi(apis: { name: string; url: string }[]): Promise<Record<string, number>> {
  const counts = await Promise.all(apis.map(async (api) => {
    const res = await fetch(`${api.url}/metrics`, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) throw new Error(`${api.name} /metrics answered ${res.status}`);
    return [api.name, countRequests(await res.text())] as const;
  }));
  return Object.fromEntries(counts);
}
