/**
 * The platform's X-Road provider service: the app its security server forwards authority systems'
 * messages to (`{baseUrl}/cases/{applicationId}/{type}`), on a listener of its own. Refusals are in
 * the X-Road error format, never the API's.
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import { INBOUND_TYPES, MESSAGE_LIMITS, type InboundType } from '../../infra/xroad/lupa-interface';
import { parseClientId } from '../../infra/xroad/ids';
import type { Logger } from '../../infra/logger';
import { requestId } from '../request-context';
import { enterRequestContext, resumeRequestContext } from '../request-telemetry';
import { providerOpenApi } from './openapi';
import { createInboundReceiver, type ReceiverDeps } from './receive';
import { ProviderRefusal, sendRefusal } from './refusal';

const isInboundType = (t: string): t is InboundType => (INBOUND_TYPES as readonly string[]).includes(t);

export function createProviderApp(deps: ReceiverDeps & { clientId: string; version: string; logger: Logger }): express.Express {
  const receive = createInboundReceiver(deps);
  const document = providerOpenApi(deps.clientId, deps.version);
  const app = express();
  app.disable('x-powered-by');
  // Log lines and spans of an inbound message tie to it as in the API (a caller's traceparent is continued).
  app.use(requestId, enterRequestContext);

  app.get('/openapi.json', (_req, res) => { res.json(document); });

  // The decision carries its document: a larger limit for that one path.
  const small = express.json({ limit: MESSAGE_LIMITS.body, type: () => true });
  const large = express.json({ limit: MESSAGE_LIMITS.decisionBody, type: () => true });
  const bodyOf: RequestHandler = (req, res, next) => (req.params.type === 'decision' ? large : small)(req, res, next);

  app.post('/cases/:applicationId/:type', (req, _res, next) => {
    if (!isInboundType(String(req.params.type))) throw unknownPath(req.method, req.path);
    if (!req.is('application/json')) throw new ProviderRefusal(415, 'client.bad_request', 'Send the message as JSON (Content-Type: application/json).');
    next();
  }, bodyOf, resumeRequestContext, async (req, res) => {
    const client = String(req.headers['x-road-client'] ?? '');
    const messageId = String(req.headers['x-road-id'] ?? '');
    if (!parseClientId(client)) throw new ProviderRefusal(400, 'client.bad_request', 'The X-Road-Client header is missing or not a client id.');
    if (!messageId || messageId.length > 200) throw new ProviderRefusal(400, 'client.bad_request', 'The X-Road-Id header is missing or too long: each message needs its own stable id.');
    const answer = await receive({ applicationId: String(req.params.applicationId), type: req.params.type as InboundType, client, messageId, body: req.body });
    if (answer.status < 300) return void res.status(answer.status).json(answer.body);
    sendRefusal(res, { status: answer.status, type: String(answer.body.type), message: String(answer.body.message) }, req.headers.accept, messageId);
  });

  app.use((req) => { throw unknownPath(req.method, req.path); });
  app.use(refusals(deps.logger));
  return app;
}

const unknownPath = (method: string, path: string) =>
  new ProviderRefusal(404, 'client.unknown_service', `This service has no ${method} ${path}; it takes POST /cases/{applicationId}/{${INBOUND_TYPES.join('|')}}.`);

/** Maps anything thrown to an X-Road error answer; unexpected errors are logged and answered as a server error. */
function refusals(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const detail = String(req.headers['x-road-id'] ?? randomUUID());
    const { status, type } = (err ?? {}) as { status?: number; type?: string };
    if (err instanceof ProviderRefusal) return sendRefusal(res, err, req.headers.accept, detail);
    if (type === 'entity.too.large' || status === 413) return sendRefusal(res, { status: 413, type: 'client.bad_request', message: 'The message body is too large.' }, req.headers.accept, detail);
    if (type === 'entity.parse.failed') return sendRefusal(res, { status: 400, type: 'client.bad_request', message: 'The message body is not valid JSON.' }, req.headers.accept, detail);
    logger.error({ event: 'xroad_provider_failed', err, message_id: detail }, 'X-Road provider failed');
    sendRefusal(res, { status: 500, type: 'server.internal_error', message: 'The platform could not take the message now; send it again with the same X-Road-Id.' }, req.headers.accept, detail);
  };
}
