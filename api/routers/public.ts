import { z } from 'zod';
import { AppError } from '../../infra/errors';
import { ErrorCode } from '../../workflows/error-codes';
import { RouteTable } from '../openapi/route';
import { Service } from '../openapi/schemas';
import type { RouterDeps } from './deps';

const ServiceIdParams = z.strictObject({
  serviceId: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a service id such as ymparistolupa'),
});

/** The permit service catalogue, open to everyone. */
export function publicRoutes(deps: RouterDeps): RouteTable {
  return new RouteTable()
    .add({
      method: 'get', path: '/api/v1/services', tag: 'Services', access: 'public',
      summary: 'Lists the permit services, with their form schemas.',
      response: { status: 200, description: 'The services.', schema: z.array(Service) },
    }, async () => deps.services.list())
    .add({
      method: 'get', path: '/api/v1/services/:serviceId', tag: 'Services', access: 'public',
      summary: 'One permit service.',
      params: ServiceIdParams,
      response: { status: 200, description: 'The service.', schema: Service },
      errors: [ErrorCode.NOT_FOUND],
    }, async ({ params }) => {
      const service = await deps.services.get(params.serviceId);
      if (!service) throw new AppError(ErrorCode.NOT_FOUND, 'No such permit service.');
      return service;
    });
}
