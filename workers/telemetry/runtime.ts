/**
 * The Temporal SDK runtime of a worker process: every SDK log line (TypeScript side, workflow `log`,
 * and the native core, forwarded) goes to pino; the SDK's own metrics are served by the core's
 * Prometheus exporter on a loopback port, which the worker's /metrics merges (metrics-server.ts).
 */
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import type { Logger } from '../../infra/logger';
import { freePort } from '../../infra/launcher/ports';

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error',
};

/** Installs the runtime (once per process, before any connection); resolves with the URL of the SDK's metrics. */
export async function installWorkerRuntime(logger: Logger): Promise<{ sdkMetricsUrl: string }> {
  // Loopback only: operators scrape the worker's /metrics, which includes these.
  const address = `127.0.0.1:${await freePort()}`;
  Runtime.install({
    // The SDK's shutdown on these signals drains the worker; run() then resolves and main closes the rest.
    shutdownSignals: ['SIGINT', 'SIGTERM'],
    logger: new DefaultLogger('INFO', ({ level, message, meta }) => logger[PINO_LEVEL[level]]({ event: 'temporal_sdk', ...meta }, message)),
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      // Prometheus naming: counters end in _total, durations are histograms in seconds named so.
      metrics: { prometheus: { bindAddress: address, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true } },
    },
  });
  return { sdkMetricsUrl: `http://${address}/metrics` };
}
