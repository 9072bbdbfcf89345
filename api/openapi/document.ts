import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { ErrorCode } from '../../workflows/error-codes';
import { HTTP_STATUS } from '../errors';
import { ErrorResponse } from './schemas';
import type { RouteSpec } from './route';

/** `/a/:id/b` → `/a/{id}/b`: Express templates in OpenAPI spelling. */
function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const ACCESS_ERRORS: Record<RouteSpec['access'], Record<number, string>> = {
  public: {},
  session: { 401: 'Not logged in.', 403: 'Missing or wrong X-CSRF-Token.' },
  applicant: { 401: 'Not logged in.', 403: 'Not an applicant, or missing X-CSRF-Token.', 404: 'No such application of yours.' },
  official: { 401: 'Not logged in.', 403: 'Not an official with the needed permission, or missing X-CSRF-Token.', 404: 'No such case at your authority.' },
  operator: { 401: 'Not logged in.', 403: 'Not an operator.', 404: 'No such case.' },
};

/** Builds the OpenAPI 3.1 document from the route specs the app serves. */
export function buildOpenApiDocument(specs: RouteSpec[], info: { version: string; serverUrl: string }) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'lupaflow_session' });
  registry.registerComponent('securitySchemes', 'csrf', { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' });
  const errorContent = { 'application/json': { schema: ErrorResponse } };

  for (const spec of specs) {
    const responses: RouteConfig['responses'] = {
      [spec.response.status]: {
        description: spec.response.description,
        ...(spec.response.schema
          ? { content: { [spec.response.contentType ?? 'application/json']: { schema: spec.response.schema } } }
          : {}),
      },
    };
    const errors: Record<number, string> = { ...ACCESS_ERRORS[spec.access] };
    // Node's HTTP parser refuses an over-long request line or headers before any route (api/client-errors.ts).
    errors[431] = 'The request line or headers are too long.';
    if (spec.params || spec.query || spec.body || spec.headers) errors[400] = 'The request is not valid.';
    // Every request with a body passes the body parser first (api/app.ts): broken JSON, too large, not JSON.
    if (spec.method !== 'get') {
      errors[400] ??= 'The request body is not valid JSON.';
      Object.assign(errors, { 413: 'The request body is too large.', 415: 'The request body is not in a supported encoding.' });
    }
    const codes = new Map<number, ErrorCode[]>();
    for (const code of spec.errors ?? []) codes.set(HTTP_STATUS[code], [...(codes.get(HTTP_STATUS[code]) ?? []), code]);
    for (const [status, list] of codes) errors[status] = `${errors[status] ?? 'Refused.'} Codes: ${list.join(', ')}.`;
    for (const [status, description] of Object.entries(errors)) {
      responses[Number(status)] = { description, content: errorContent };
    }
    const stateChanging = spec.method !== 'get' && spec.csrf !== false;
    registry.registerPath({
      method: spec.method,
      path: openApiPath(spec.path),
      summary: spec.summary,
      tags: [spec.tag],
      security: spec.access === 'public' ? [] : [stateChanging ? { session: [], csrf: [] } : { session: [] }],
      request: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.headers ? { headers: spec.headers } : {}),
        ...(spec.body ? { body: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
      },
      responses,
    });
  }

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'lupaflow API',
      version: info.version,
      description: 'Permit applications of the Luvat ja valvonta service. Errors: always the Error schema.',
    },
    servers: [{ url: info.serverUrl }],
  });
}
