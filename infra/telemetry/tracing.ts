/**
 * OpenTelemetry tracing, on only when OTEL_EXPORTER_OTLP_ENDPOINT (or …_TRACES_ENDPOINT) is set: spans
 * go to that OTLP/HTTP collector in batches; W3C trace context is propagated. Without it nothing is
 * registered and the helpers here cost nothing, so benchmarks measure the platform alone.
 * Span attributes carry route templates, types and outcomes: never ids of persons or form content.
 */
import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { loadTracingConfig } from '../config/observability';

/** The running tracer of this process. */
export interface Tracing {
  /** Flushes and stops; call once on shutdown. */
  shutdown(): Promise<void>;
}

const tracer = trace.getTracer('lupaflow');
let active = false;

/** Starts tracing for this process if the environment asks for it; null when it does not. */
export function startTracing(defaultServiceName: string, env: NodeJS.ProcessEnv = process.env): Tracing | null {
  const config = loadTracingConfig(env);
  const url = config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (config.OTEL_EXPORTER_OTLP_ENDPOINT && `${config.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces`);
  if (!url) return null;
  const resource = new Resource({ 'service.name': config.OTEL_SERVICE_NAME ?? defaultServiceName });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // The AsyncLocalStorage context manager and the W3C traceparent/baggage propagators.
  provider.register();
  active = true;
  return { shutdown: () => provider.shutdown() };
}

/** True once startTracing has registered a tracer in this process. */
export const tracingEnabled = () => active;

/**
 * Runs an outgoing call in a CLIENT span and hands it the W3C headers (`traceparent`) to send, so the
 * receiver joins the trace. Without tracing it calls `send({})` and nothing else.
 */
export async function traceOutgoing<T>(name: string, attributes: Attributes, send: (headers: Record<string, string>) => Promise<T>): Promise<T> {
  if (!active) return send({});
  return tracer.startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    const headers: Record<string, string> = {};
    propagation.inject(context.active(), headers);
    try {
      return await send(headers);
    } catch (err) {
      // The error's class only: messages may quote what the other side said.
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).name });
      throw err;
    } finally {
      span.end();
    }
  });
}
