/**
 * The OpenAPI 3.1 description of the platform's provider service, served at /openapi.json on the
 * provider listener so that the security server can publish it (getOpenAPI, specs/xroad.md A5).
 */
import { z } from 'zod';
import { INBOUND_SCHEMAS, INBOUND_TYPES, MESSAGE_LIMITS, PLATFORM_SERVICE_CODE } from '../../infra/xroad/lupa-interface';

const SUMMARIES: Record<(typeof INBOUND_TYPES)[number], string> = {
  acknowledgement: "The authority's case system has registered the application under its case number.",
  'supplement-request': 'The authority asks the applicant for a supplement by a deadline.',
  status: "The authority's own handling status changed (shown to the applicant; the case status stays).",
  decision: `The decision, with its document (at most ${MESSAGE_LIMITS.document} bytes, base64).`,
};

const ErrorBody = {
  type: 'object',
  required: ['type', 'message', 'detail'],
  properties: { type: { type: 'string', examples: ['client.access_denied'] }, message: { type: 'string' }, detail: { type: 'string' } },
};

/** Builds the document; `clientId` is the platform's subsystem that provides the service. */
export function providerOpenApi(clientId: string, version: string): Record<string, unknown> {
  const header = (name: string, description: string) => ({ name, in: 'header', required: true, schema: { type: 'string' }, description });
  const paths = Object.fromEntries(INBOUND_TYPES.map((type) => [`/cases/{applicationId}/${type}`, {
    post: {
      operationId: type.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()),
      summary: SUMMARIES[type],
      parameters: [
        { name: 'applicationId', in: 'path', required: true, schema: { type: 'string' } },
        header('X-Road-Client', "The authority system's subsystem; must be the one the case's permit service names."),
        header('X-Road-Id', 'Stable per message: a repeat with the same id is answered as the first time and has no second effect.'),
      ],
      requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(INBOUND_SCHEMAS[type], { io: 'input' }) } } },
      responses: {
        200: { description: 'Applied to the case (or applied before, for a repeat).' },
        ...Object.fromEntries([[400, 'Malformed message'], [403, 'Client not allowed for this case'], [404, 'Unknown case or path'], [409, 'Case closed, step not allowed now, or X-Road-Id reused'], [413, 'Body too large']]
          .map(([status, description]) => [status, { description, content: { 'application/json': { schema: ErrorBody }, 'text/xml': {} } }])),
      },
    },
  }]));
  return {
    openapi: '3.1.0',
    info: { title: `lupaflow ${PLATFORM_SERVICE_CODE}`, version, description: `Messages of authority case systems to lupaflow over Suomi.fi-palveluväylä (service ${clientId}/${PLATFORM_SERVICE_CODE}).` },
    paths,
  };
}
