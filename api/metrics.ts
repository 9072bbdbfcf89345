import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { integrationMetrics } from '../infra/telemetry/integration-metrics';
import { routeTemplate } from './request-context';

/** The API's Prometheus metrics: process defaults, request durations by route template, integration latencies. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Calls to outside systems made by this process (logins' e-Authorizations checks, PTV imports).
  for (const metric of integrationMetrics) registry.registerMetric(metric);
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests, by method, route template and status.',
    // Route templates only: raw paths would carry application numbers and explode the label space.
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const measure: RequestHandler = (req, res, next) => {
    const stop = duration.startTimer();
    res.on('finish', () => stop({ method: req.method, route: routeTemplate(req), status: String(res.statusCode) }));
    next();
  };

  return { registry, measure };
}

export type Metrics = ReturnType<typeof createMetrics>;
