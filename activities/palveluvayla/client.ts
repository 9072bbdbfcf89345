/**
 * The one X-Road REST client (specs/xroad.md A2, A3): calls a provider service through the
 * platform's own security server with the r1 path and headers, and turns X-Road errors (JSON or XML,
 * either type spelling) into XroadCallError, classed as worth retrying or not.
 */
import { decodeError, typeStartsWith } from '../../infra/xroad/errors';
import { restPath } from '../../infra/xroad/ids';
import { measureIntegration, operationOf } from '../../infra/telemetry/integration-metrics';
import { traceOutgoing } from '../../infra/telemetry/tracing';
import type { XroadConfig } from './config';
import { exchangeHttp, type ClientTls } from './transport';

/** One message to send. */
export interface XroadRequest {
  /** The provider service, `INSTANCE/CLASS/CODE/SUBSYSTEM/SERVICECODE`. */
  service: string;
  /** Path under the service, e.g. `/applications`. */
  path: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** X-Road-Id: stable per message, the same on every retry, so the receiver recognises a repeat. */
  messageId: string;
  /** X-Road-UserId: who caused the call (pseudonymous; never an identity code). */
  userId?: string;
  /** X-Road-Issue: the case the call is about. */
  issue?: string;
  body?: unknown;
  /** Aborts the call (e.g. the activity was cancelled because its worker shuts down). */
  signal?: AbortSignal;
}

export interface XroadResponse { status: number; body: unknown; requestId: string | null }

/**
 * A failed call. `retryable`: the network, a timeout, a `server.*` error of a security server or a 5xx
 * of the provider; not: a `client.*` error (access denied, unknown service, bad request) or a 4xx of the
 * provider (its refusal, e.g. the schema). `type` is the X-Road error type when there is one.
 */
export class XroadCallError extends Error {
  constructor(message: string, readonly retryable: boolean, readonly status: number | null, readonly type: string | null, readonly fromSecurityServer: boolean) {
    super(message);
    this.name = 'XroadCallError';
  }
}

/** The Suomi.fi-palveluväylä client: the platform's one way to reach an authority system. */
export interface PalveluvaylaClient {
  readonly identifier: 'palveluvayla';
  readonly clientId: string;
  send(request: XroadRequest): Promise<XroadResponse>;
}

const RETRYABLE_PROVIDER_STATUS = new Set([408, 425, 429]);

/** `tls`: the platform's client certificate for a security server reached over HTTPS (mTLS); null over plain HTTP. */
export function createPalveluvaylaClient(config: Pick<XroadConfig, 'XROAD_SECURITY_SERVER_URL' | 'XROAD_CLIENT_ID' | 'XROAD_TIMEOUT_MS'>, tls: ClientTls | null = null): PalveluvaylaClient {
  const base = config.XROAD_SECURITY_SERVER_URL.replace(/\/$/, '');
  return {
    identifier: 'palveluvayla',
    clientId: config.XROAD_CLIENT_ID,
    send(request) {
      const method = request.method ?? 'POST';
      const serviceCode = request.service.split('/').pop() ?? '';
      // Timed and traced as one call; the span's traceparent goes to the security server, which passes it on.
      return measureIntegration('palveluvayla', operationOf(method, `/${serviceCode}${request.path}`), () => traceOutgoing(
        `X-Road ${method} ${serviceCode}`, { 'xroad.service': request.service, 'http.request.method': method },
        (traceHeaders) => send(request, method, traceHeaders),
      ), { error: (err) => (err instanceof XroadCallError && !err.retryable ? 'refused' : 'failed') });
    },
  };

  async function send(request: XroadRequest, method: string, traceHeaders: Record<string, string>): Promise<XroadResponse> {
    const headers: Record<string, string> = {
      ...traceHeaders,
      accept: 'application/json',
      'x-road-client': config.XROAD_CLIENT_ID,
      'x-road-id': request.messageId,
    };
    if (request.userId) headers['x-road-userid'] = request.userId;
    if (request.issue) headers['x-road-issue'] = request.issue;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(config.XROAD_TIMEOUT_MS);
    let res;
    try {
      res = await exchangeHttp(`${base}${restPath(request.service, request.path)}`, {
        method, headers, tls,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout,
      });
    } catch (err) {
      const cause = timeout.aborted ? `no answer within ${config.XROAD_TIMEOUT_MS} ms` : (err as Error).message;
      throw new XroadCallError(`The security server could not be reached: ${cause}`, true, null, null, false);
    }
    if (res.status >= 200 && res.status < 300) return { status: res.status, body: parseJson(res.text), requestId: res.header('x-road-request-id') };
    throw classify(res.status, res.header('x-road-error'), res.text);
  }
}

/** Classes an error answer: from a security server (X-Road-Error) by its type, from the provider by its status. */
export function classify(status: number, xroadErrorHeader: string | null, body: string): XroadCallError {
  const decoded = decodeError(body);
  const type = xroadErrorHeader ?? decoded?.type ?? null;
  const detail = decoded?.message ? `: ${decoded.message}` : '';
  if (xroadErrorHeader !== null) {
    const retryable = typeStartsWith(xroadErrorHeader, 'server.');
    return new XroadCallError(`X-Road refused the message (${xroadErrorHeader})${detail}`, retryable, status, type, true);
  }
  const retryable = status >= 500 || RETRYABLE_PROVIDER_STATUS.has(status);
  const who = retryable ? 'The authority system failed' : 'The authority system refused the message';
  return new XroadCallError(`${who} (HTTP ${status}${type ? `, ${type}` : ''})${detail}`, retryable, status, type, false);
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
