import { z } from 'zod';
import { parseEnv, port } from './env';

/** The worker's Prometheus endpoint (workers/telemetry/metrics-server.ts); the launcher checks the port and prints the URL. */
export const workerMetricsShape = {
  /** Port of each worker's /metrics; 0: a free one (tests, several workers on one host), logged at start. */
  WORKER_METRICS_PORT: port.default(9464),
};

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

const tracingShape = {
  /** The collector's base URL; traces go to `<endpoint>/v1/traces` (OTLP/HTTP, JSON). Unset: no tracing. */
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  /** The full traces URL, when it is not `<endpoint>/v1/traces`. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl.optional(),
  /** service.name of this process's spans; default per process (lupaflow-api, lupaflow-worker). */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
};

/** The tracing settings (infra/telemetry/tracing.ts), validated: a bad URL is a ConfigError like any other setting. */
export const loadTracingConfig = (env: NodeJS.ProcessEnv = process.env) => parseEnv(tracingShape, env);
