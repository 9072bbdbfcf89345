/**
 * The worker's /metrics: its own series (metrics.ts: activities, workflows, integrations, process)
 * followed by the Temporal SDK's (fetched from the core exporter's loopback port on each scrape), so
 * one scrape target per worker gives both.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../infra/logger';
import { workerRegistry } from './metrics';

const SDK_SCRAPE_TIMEOUT_MS = 2_000;

export interface WorkerMetricsServer { url: string; close(): Promise<void> }

async function sdkMetrics(url: string | null, logger: Logger): Promise<string> {
  if (!url) return '';
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(SDK_SCRAPE_TIMEOUT_MS) });
    return res.ok ? await res.text() : '';
  } catch (err) {
    logger.warn({ event: 'sdk_metrics_unavailable', err: (err as Error).message }, 'the Temporal SDK metrics could not be read');
    return '';
  }
}

/** Serves GET /metrics on `port` (0: a free one) until closed. */
export async function serveWorkerMetrics(opts: { port: number; sdkMetricsUrl: string | null; logger: Logger }): Promise<WorkerMetricsServer> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics is served here.\n');
      return;
    }
    Promise.all([workerRegistry.metrics(), sdkMetrics(opts.sdkMetricsUrl, opts.logger)]).then(([own, sdk]) => {
      res.writeHead(200, { 'content-type': workerRegistry.contentType }).end(sdk ? `${own}\n${sdk}` : own);
    }, (err: Error) => {
      opts.logger.error({ event: 'metrics_failed', err }, 'metrics could not be collected');
      res.writeHead(500, { 'content-type': 'text/plain' }).end('Metrics could not be collected.\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Every interface, like the API: Prometheus scrapes it from elsewhere.
    server.listen(opts.port, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/metrics`,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
