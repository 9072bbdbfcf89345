/**
 * Workflow interceptor module (bundled with the workflows, workers/worker.ts): carries the W3C trace
 * context that a Temporal client call brought in its headers (the OpenTelemetry client interceptor,
 * when tracing is on) to the activities the workflow schedules, so the API request, the activity and
 * its outgoing calls share one trace. Without a trace header it does nothing.
 *
 * It makes no span and adds no await: the OpenTelemetry workflow interceptors do, and their extra
 * yields change when updates complete relative to commands, so histories recorded without them stop
 * replaying (test/workflows/replay.test.ts showed a nondeterminism error). This module is in every
 * bundle whether tracing is on or not, so workers may differ in tracing without breaking replay.
 */
import {
  AsyncLocalStorage, type ActivityInput, type LocalActivityInput, type Next, type SignalInput, type UpdateInput, type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor, type WorkflowInterceptorsFactory, type WorkflowOutboundCallsInterceptor,
} from '@temporalio/workflow';

/** The header @temporalio/interceptors-opentelemetry reads and writes the trace context in. */
const TRACE_HEADER = '_tracer-data';

type Headers = WorkflowExecuteInput['headers'];
type TraceContext = Headers[string];

const current = new AsyncLocalStorage<TraceContext>();

/** Runs `fn` with the trace context of `headers` (if any) as the current one. */
function within<T>(headers: Headers, fn: () => T): T {
  const context = headers[TRACE_HEADER];
  return context ? current.run(context, fn) : fn();
}

/** The activity's input with the current trace context in its headers; the input itself when there is none. */
function withContext<I extends { headers: Headers }>(input: I): I {
  const context = current.getStore();
  return context ? { ...input, headers: { ...input.headers, [TRACE_HEADER]: context } } : input;
}

class TraceContextInbound implements WorkflowInboundCallsInterceptor {
  execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    return within(input.headers, () => next(input));
  }

  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>): Promise<unknown> {
    return within(input.headers, () => next(input));
  }

  handleSignal(input: SignalInput, next: Next<WorkflowInboundCallsInterceptor, 'handleSignal'>): Promise<void> {
    return within(input.headers, () => next(input));
  }
}

class TraceContextOutbound implements WorkflowOutboundCallsInterceptor {
  scheduleActivity(input: ActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleActivity'>): Promise<unknown> {
    return next(withContext(input));
  }

  scheduleLocalActivity(input: LocalActivityInput, next: Next<WorkflowOutboundCallsInterceptor, 'scheduleLocalActivity'>): Promise<unknown> {
    return next(withContext(input));
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ inbound: [new TraceContextInbound()], outbound: [new TraceContextOutbound()] });
