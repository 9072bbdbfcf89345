/**
 * A sandbox X-Road security server (specs/xroad.md A2, A3, A5, A10). The consumer side takes REST r1
 * calls from its information systems, checks the protocol and the client, adds X-Road-Id (when absent)
 * and X-Road-Request-Id, strips hop-by-hop headers and passes the message to the security server of
 * the provider subsystem (global configuration); that side checks the service and its ACL, calls the
 * provider information system (over HTTPS with its own certificate where the service URL says so) and
 * adds X-Road-Request-Hash and X-Road-Service to the answer. Faults are injected on the consumer side.
 */
import express, { type Request, type Response } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import { XROAD_ERROR } from '../../infra/xroad/errors';
import { parseClientId, providerOf } from '../../infra/xroad/ids';
import type { Logger } from '../../infra/logger';
import { type ErrorCasing, sendXroadError } from './errors';
import { createFaults, FaultSpec } from './faults';
import { filterHeaders, send, type Answer } from './forward';
import type { GlobalConf } from './global-conf';
import { getOpenApi, listClients, listMethods, METASERVICES } from './metaservices';

export interface SecurityServerOptions {
  name: string;
  conf: GlobalConf;
  /** Subsystems registered at this security server (as clients and as providers). */
  subsystems: string[];
  logger: Logger;
}

/** One message as the server saw it, for tests and the demo to inspect. */
export interface LoggedMessage {
  at: string; messageId: string; client: string; service: string; path: string; status: number; fault: string | null;
  /** The W3C trace context the client sent (a real security server passes it on as any other header). */
  traceparent: string | null;
}

const X_ROAD_OWN = ['x-road-id', 'x-road-client', 'x-road-request-id', 'x-road-request-hash', 'x-road-service'];
const MAX_BODY = '20mb';
const CLIENT_WAIT_MS = 300_000;

/** Builds the Express app of one security server; `faults`, `settings` and `log` are its control state. */
export function createSecurityServer(opts: SecurityServerOptions) {
  const { conf } = opts;
  const faults = createFaults();
  const settings: { errorCasing: ErrorCasing } = { errorCasing: 'current' };
  const log: LoggedMessage[] = [];
  const fail = (req: Request, res: Response, type: string, message: string) => sendXroadError(res, type, message, req.headers.accept, settings.errorCasing);

  const app = express();
  app.disable('x-powered-by');

  // ── Control (sandbox only) ──
  app.get('/_control/faults', (_req, res) => { res.json(faults.list()); });
  app.post('/_control/faults', express.json(), (req, res) => {
    const spec = FaultSpec.safeParse(req.body);
    if (!spec.success) return void res.status(400).json({ error: spec.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    res.status(201).json(faults.add(spec.data));
  });
  app.delete('/_control/faults', (_req, res) => { faults.clear(); res.status(204).end(); });
  app.put('/_control/settings', express.json(), (req, res) => {
    if (req.body?.errorCasing === 'current' || req.body?.errorCasing === 'legacy') settings.errorCasing = req.body.errorCasing;
    res.json(settings);
  });
  app.get('/_control/log', (_req, res) => { res.json(log); });

  app.get('/listClients', (req, res) => listClients(conf, req, res));

  // ── Provider side: a message from another security server ──
  app.all(/^\/_serverproxy\//, express.raw({ type: () => true, limit: MAX_BODY }), async (req, res) => {
    const { idParts, rest } = splitPath(req.originalUrl, 1);
    const serviceId = idParts.join('/');
    const service = conf.services.find((s) => s.id === serviceId && opts.subsystems.includes(providerOf(s.id)));
    if (!service) return fail(req, res, XROAD_ERROR.UNKNOWN_SERVICE, `Unknown service: ${serviceId}`);
    const client = String(req.headers['x-road-client'] ?? '');
    if (!service.acl.includes(client)) return fail(req, res, XROAD_ERROR.ACCESS_DENIED, `Request is not allowed: ${client} may not call ${serviceId}`);
    const body = bodyOf(req);
    let answer: Answer;
    try {
      answer = await send(`${service.baseUrl}${rest}`, {
        method: req.method, headers: filterHeaders(req.headers, ['x-road-service', 'x-road-request-hash']), body, timeoutMs: service.timeoutMs, tls: service.tls,
      });
    } catch (err) {
      return fail(req, res, XROAD_ERROR.SERVICE_FAILED, `The provider information system did not answer: ${(err as Error).message}`);
    }
    res.status(answer.status).set(filterHeaders(answer.headers, X_ROAD_OWN) as Record<string, string>);
    res.set('X-Road-Service', serviceId).set('X-Road-Request-Hash', requestHash(req, body));
    res.send(answer.body);
  });

  // ── Consumer side: a call of one of this server's information systems ──
  app.all(/.*/, express.raw({ type: () => true, limit: MAX_BODY }), async (req, res) => {
    const { version, idParts, rest } = splitPath(req.originalUrl, 1);
    if (version !== 'r1') return fail(req, res, XROAD_ERROR.BAD_REQUEST, `Unsupported protocol version or path: expected /r1/{serviceId}, got ${req.path}`);
    // "Last wins if repeated": Node joins repeated headers with ", ".
    const client = String(req.headers['x-road-client'] ?? '').split(',').pop()?.trim() ?? '';
    if (!client) return fail(req, res, XROAD_ERROR.BAD_REQUEST, 'The X-Road-Client header is missing');
    if (!parseClientId(client)) return fail(req, res, XROAD_ERROR.BAD_REQUEST, `X-Road-Client is not a client id (INSTANCE/CLASS/CODE[/SUBSYSTEM]): ${client}`);
    if (!opts.subsystems.includes(client)) return fail(req, res, XROAD_ERROR.UNKNOWN_MEMBER, `Client ${client} is not registered at security server ${opts.name}`);

    if (idParts.length === 5 && METASERVICES.has(idParts[4]) && rest.split('?')[0] === '') return metaservice(req, res, idParts.slice(0, 4).join('/'), idParts[4], client);
    if (idParts.length !== 5 || idParts.some((p) => p === '')) return fail(req, res, XROAD_ERROR.BAD_REQUEST, `The service id must have 5 parts: ${idParts.join('/')}`);
    const serviceId = idParts.join('/');
    const providerServer = conf.serverOf.get(providerOf(serviceId));
    if (!providerServer) return fail(req, res, XROAD_ERROR.UNKNOWN_SERVICE, `Unknown service: ${serviceId}`);

    const messageId = String(req.headers['x-road-id'] ?? '') || `${conf.instance}-${randomUUID()}`;
    const headers = {
      ...filterHeaders(req.headers, X_ROAD_OWN), 'x-road-client': client, 'x-road-id': messageId, 'x-road-request-id': randomUUID(),
    };
    const body = bodyOf(req);
    const path = rest.split('?')[0];
    const fault = faults.take(serviceId, path);
    const record = (status: number) => {
      const traceparent = typeof req.headers.traceparent === 'string' ? req.headers.traceparent : null;
      log.push({ at: new Date().toISOString(), messageId, client, service: serviceId, path, status, fault: fault?.mode ?? null, traceparent });
      if (log.length > 500) log.shift();
    };
    if (fault) opts.logger.info({ event: 'xroad_sandbox_fault', server: opts.name, fault: fault.mode, service: serviceId, path }, 'sandbox fault injected');
    if (fault?.delayMs && fault.mode !== 'duplicate-late') await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.mode === 'drop') {
      record(500);
      return fail(req, res, XROAD_ERROR.CLIENT_PROXY_NETWORK_ERROR, 'Could not connect to the provider security server (sandbox fault: message dropped)');
    }
    const forward = () => send(`${providerServer}/_serverproxy${restPathOf(idParts)}${rest}`, { method: req.method, headers, body, timeoutMs: CLIENT_WAIT_MS });
    let answer: Answer;
    try {
      answer = await forward();
      if (fault?.mode === 'duplicate') answer = await forward();
      // The stray copy's answer goes nowhere, as a retransmission's would.
      if (fault?.mode === 'duplicate-late') setTimeout(() => void forward().catch(() => undefined), fault.delayMs);
    } catch (err) {
      record(500);
      return fail(req, res, XROAD_ERROR.CLIENT_PROXY_NETWORK_ERROR, `The provider security server did not answer: ${(err as Error).message}`);
    }
    if (fault?.mode === 'fail-after-delivery') {
      record(500);
      return fail(req, res, XROAD_ERROR.NETWORK_ERROR, 'The provider did not answer in time (sandbox fault: failed after delivery)');
    }
    record(answer.status);
    res.status(answer.status).set(filterHeaders(answer.headers, ['x-road-id', 'x-road-client', 'x-road-request-id']) as Record<string, string>);
    res.set({ 'X-Road-Id': messageId, 'X-Road-Client': client, 'X-Road-Request-Id': headers['x-road-request-id'] });
    res.send(answer.body);
  });

  async function metaservice(req: Request, res: Response, subsystem: string, name: string, client: string): Promise<void> {
    if (!conf.serverOf.has(subsystem)) return fail(req, res, XROAD_ERROR.UNKNOWN_SERVICE, `Unknown subsystem: ${subsystem}`);
    if (name !== 'getOpenAPI') return void res.json(listMethods(conf.services, subsystem, name === 'allowedMethods' ? client : null));
    const code = typeof req.query.serviceCode === 'string' ? req.query.serviceCode : '';
    if (!code) return fail(req, res, XROAD_ERROR.BAD_REQUEST, 'getOpenAPI needs the serviceCode parameter');
    const doc = await getOpenApi(conf.services, subsystem, code).catch(() => null);
    if (!doc) return fail(req, res, XROAD_ERROR.UNKNOWN_SERVICE, `No OpenAPI description for service ${subsystem}/${code}`);
    res.type(doc.type).send(doc.body);
  }

  return { app, faults, settings, log };
}

export type SecurityServer = ReturnType<typeof createSecurityServer>;

/** Splits `/{prefix…}/{5 id parts}/rest?query` after `skip` leading segments; `rest` keeps its encoding and query. */
function splitPath(originalUrl: string, skip: number): { version: string; idParts: string[]; rest: string } {
  const q = originalUrl.indexOf('?');
  const path = q < 0 ? originalUrl : originalUrl.slice(0, q);
  const query = q < 0 ? '' : originalUrl.slice(q);
  const segments = path.split('/').slice(1);
  const decode = (s: string) => { try { return decodeURIComponent(s); } catch { return ''; } };
  const restSegments = segments.slice(skip + 5);
  return {
    version: segments[0] ?? '',
    idParts: segments.slice(skip, skip + 5).map(decode),
    rest: `${restSegments.length ? `/${restSegments.join('/')}` : ''}${query}`,
  };
}

const restPathOf = (idParts: string[]) => `/${idParts.map(encodeURIComponent).join('/')}`;

const bodyOf = (req: Request): Buffer | undefined => (Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : undefined);

/** X-Road-Request-Hash: base64 SHA-512(SHA-512(X-Road headers) + SHA-512(body)), binding the answer to the request. */
function requestHash(req: Request, body: Buffer | undefined): string {
  const sha = (data: Buffer | string) => createHash('sha512').update(data).digest();
  const headers = Object.entries(req.headers).filter(([k]) => k.startsWith('x-road-')).sort().map(([k, v]) => `${k}:${v}`).join('\n');
  return createHash('sha512').update(Buffer.concat([sha(headers), sha(body ?? Buffer.alloc(0))])).digest('base64');
}
