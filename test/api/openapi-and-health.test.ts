import type { Express } from 'express';
import { isPageRouter } from '../../api/pages/framework/router';
import { call } from './http';
import { startTestStack, type TestStack } from '../support/stack';

/** Every METHOD path the Express app serves, in OpenAPI spelling, found by walking its router stack; the HTML pages are not the API. */
function expressRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: any[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) {
          const path = `${prefix}${layer.route.path}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
          found.push(`${method.toUpperCase()} ${path}`);
        }
      } else if (isPageRouter(layer.handle)) {
        continue;
      } else if (layer.handle?.stack) {
        // A mounted router; a mount path other than / is kept in the layer's raw path.
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as any).router.stack, '');
  return [...new Set(found)].sort();
}

describe('[#2] The OpenAPI document, /health and /metrics', () => {
  let stack: TestStack;

  beforeAll(async () => { stack = await startTestStack(); });
  afterAll(async () => stack?.stop());

  it('describes exactly the routes the app serves, no more and no fewer', async () => {
    const answer = await call(stack.baseUrl, {}, 'GET', '/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    const documented = Object.entries(answer.body.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    const served = expressRoutes(stack.app);
    expect(served).toEqual(documented);
    expect(documented).toEqual(expect.arrayContaining([
      'POST /api/v1/applications', 'PUT /api/v1/applications/{id}/draft', 'POST /api/v1/official/cases/{id}/decision',
      'GET /api/v1/operator/cases/{id}/history', 'POST /auth/{idp}/acs', 'GET /health', 'GET /metrics',
    ]));
  });

  it('documents the request bodies with unknown fields refused, as the routes enforce them', async () => {
    const { body: doc } = await call(stack.baseUrl, {}, 'GET', '/openapi.json');
    const draft = doc.paths['/api/v1/applications/{id}/draft'].put.requestBody.content['application/json'].schema;
    expect(draft).toMatchObject({ additionalProperties: false, required: ['form'] });
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toContain('TRANSITION_NOT_ALLOWED');
  });

  it('reports Temporal, PostgreSQL and both identity providers healthy', async () => {
    const health = await call(stack.baseUrl, {}, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    const names = Object.keys(health.body.components);
    expect(names).toEqual(expect.arrayContaining(['temporal', 'postgresql']));
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const component of Object.values(health.body.components) as { status: string; latencyMs: number }[]) {
      expect(component).toMatchObject({ status: 'ok', latencyMs: expect.any(Number) });
    }
  });

  it('labels request metrics with route templates, never with application numbers', async () => {
    await call(stack.baseUrl, {}, 'GET', '/api/v1/applications/LV-2026-000123');
    await call(stack.baseUrl, {}, 'GET', '/api/v1/services/ymparistolupa');
    const metrics = await call(stack.baseUrl, {}, 'GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('route="/api/v1/applications/:id"');
    expect(metrics.body).toContain('route="/api/v1/services/:serviceId"');
    expect(metrics.body).not.toContain('LV-2026-000123');
    expect(metrics.body).toContain('process_cpu_seconds_total');
  });

  it('gives every answer, good or bad, an X-Request-Id', async () => {
    const good = await call(stack.baseUrl, {}, 'GET', '/api/v1/services');
    const bad = await call(stack.baseUrl, {}, 'GET', '/api/v1/me');
    expect(good.headers.get('x-request-id')).toMatch(/\S{8,}/);
    expect(bad.body.error.requestId).toBe(bad.headers.get('x-request-id'));
  });
});
