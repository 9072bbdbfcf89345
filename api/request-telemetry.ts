/**
 * Puts each request's ids around everything that runs for it: `requestId` on every log line, and,
 * when tracing is on, a SERVER span (continuing the caller's traceparent) that Temporal client calls
 * and outgoing requests join. `enter` starts it; `resume` re-enters it after the body parsers, whose
 * stream callbacks run outside the request's async context.
 */
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import type { Request, RequestHandler } from 'express';
import { withLogFields, type LogFields } from '../infra/telemetry/log-context';
import { tracingEnabled } from '../infra/telemetry/tracing';
import { routeTemplate } from './request-context';

interface RequestTelemetry { fields: LogFields; trace: Context | null }

const ofRequest = new WeakMap<Request, RequestTelemetry>();
const tracer = trace.getTracer('lupaflow-api');

function run(telemetry: RequestTelemetry, next: () => void): void {
  withLogFields(telemetry.fields, () => (telemetry.trace ? context.with(telemetry.trace, next) : next()));
}

/** Starts the request's context; after `requestId` (it needs req.id). */
export const enterRequestContext: RequestHandler = (req, res, next) => {
  const telemetry: RequestTelemetry = { fields: { requestId: req.id }, trace: null };
  if (tracingEnabled()) {
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    // Named by method until the route is known; no path or query: they may carry ids.
    const span = tracer.startSpan(req.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } }, parent);
    telemetry.trace = trace.setSpan(parent, span);
    // 'close' also comes when the caller hangs up first, so every span ends.
    res.once('close', () => {
      const route = routeTemplate(req);
      span.updateName(`${req.method} ${route}`);
      span.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode });
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
  }
  ofRequest.set(req, telemetry);
  run(telemetry, next);
};

/** Re-enters the request's context (after body parsing). */
export const resumeRequestContext: RequestHandler = (req, _res, next) => {
  const telemetry = ofRequest.get(req);
  if (telemetry) run(telemetry, next);
  else next();
};
