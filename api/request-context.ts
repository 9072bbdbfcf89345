import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../infra/logger';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Correlates a request's log lines, usage-log rows and error answers. */
      id: string;
    }
  }
}

// A caller's id is kept only when it is harmless to echo and to log.
const SAFE_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** Gives each request an id (the caller's X-Request-Id when safe), echoed in the X-Request-Id header. */
export const requestId: RequestHandler = (req, res, next) => {
  const given = req.get('x-request-id');
  req.id = given && SAFE_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', req.id);
  next();
};

/** The route template a request matched (`/api/v1/applications/:id`), never the raw path with ids in it. */
export function routeTemplate(req: Parameters<RequestHandler>[0]): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  // baseUrl is the mount path of a sub-router (`/auth`), itself a fixed string.
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}

/**
 * One access-log line per request: method, route template, status, duration and request id.
 * No bodies, headers, query strings or session details: they may hold personal data.
 */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info({
        event: 'http_request',
        // Named as on every other line of the request (api/request-telemetry.ts): 'finish' may come outside its context.
        requestId: req.id,
        method: req.method,
        route: routeTemplate(req),
        // Application numbers are not personal data; they tie the line to the case.
        application_id: typeof req.params?.id === 'string' ? req.params.id : undefined,
        status: res.statusCode,
        duration_ms: Number(process.hrtime.bigint() - started) / 1e6,
      }, 'request done');
    });
    next();
  };
}
