/** [#7] Integration latency labels stay bounded and carry no ids or identity codes. */
import { operationOf, outcomeOfStatus } from '../../infra/telemetry/integration-metrics';

describe('[#7] integration metric labels', () => {
  it('turns paths with identity codes, ids and queries into templates', () => {
    expect(operationOf('get', '/service/hpa/user/register/lupaflow-dev/010280-952L?requestId=3f2a')).toBe('GET /service/hpa/user/register/lupaflow-dev/:id');
    expect(operationOf('PUT', '/Connection/serviceId/0b5c1d2e-4f60-4a7b-8c9d-0e1f2a3b4c5d')).toBe('PUT /Connection/serviceId/:id');
    expect(operationOf('POST', '/lupahakemukset/applications/LV-2026-000042/supplements')).toBe('POST /lupahakemukset/applications/:id/supplements');
  });

  it('classes HTTP answers as ok, refused (the request will not pass as it is) or failed (worth trying again)', () => {
    expect([200, 201, 302, 400, 404, 408, 429, 500, 503].map(outcomeOfStatus)).toEqual(['ok', 'ok', 'ok', 'refused', 'refused', 'failed', 'failed', 'failed', 'failed']);
  });
});
