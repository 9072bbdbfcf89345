import { z } from 'zod';
import { checkHealth, type HealthCheck } from '../health';
import type { Metrics } from '../metrics';
import { RouteTable } from '../openapi/route';
import { Health } from '../openapi/schemas';

const tag = 'Operations';

/** Health, metrics and the OpenAPI document: public, no session. */
export function systemRoutes(deps: { checks: Record<string, HealthCheck>; metrics: Metrics; document: () => unknown }): RouteTable {
  return new RouteTable()
    .add({
      method: 'get', path: '/health', tag, access: 'public',
      summary: 'Health of Temporal, PostgreSQL and each integration; 503 when any part fails.',
      response: { status: 200, description: 'Everything works (503 with the same body when not).', schema: Health },
    }, async ({ res }) => {
      const report = await checkHealth(deps.checks);
      res.status(report.status === 'ok' ? 200 : 503).json(report);
      return undefined;
    })
    .add({
      method: 'get', path: '/metrics', tag, access: 'public',
      summary: 'Prometheus metrics.',
      response: { status: 200, description: 'Metrics in the Prometheus text format.', schema: z.string(), contentType: 'text/plain' },
    }, async ({ res }) => {
      res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
      return undefined;
    })
    .add({
      method: 'get', path: '/openapi.json', tag, access: 'public',
      summary: 'This document.',
      response: { status: 200, description: 'The OpenAPI 3.1 document.', schema: z.record(z.string(), z.unknown()) },
    }, async () => deps.document());
}
