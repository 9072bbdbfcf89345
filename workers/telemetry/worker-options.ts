import { OpenTelemetryActivityInboundInterceptor, OpenTelemetryActivityOutboundInterceptor } from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, WorkerOptions } from '@temporalio/worker';
import { tracingEnabled } from '../../infra/telemetry/tracing';
import { activityTelemetry, completionSinks } from './metrics';

/**
 * Workflow interceptor modules every bundle includes, tracing or not (workflows run the same on every
 * worker): workflow outcomes for the metrics (fed to `completionSinks`) and the trace context handed on to activities.
 */
export const workflowInterceptorModules = [require.resolve('../../workflows/completion-metrics'), require.resolve('../../workflows/trace-context')];

/** With tracing: a span per activity attempt, continuing the trace the workflow handed on; the SDK's log lines get its ids. */
const activityTracing: ActivityInterceptorsFactory = (ctx) => ({
  inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
  outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
});

/**
 * What every worker gets for observability: the metrics interceptors and sink, the workflow modules
 * (unless `prebuilt`: a bundle made by workers/bundle.ts already holds them), and with tracing on
 * (infra/telemetry/tracing.ts, started before the worker) the activity spans.
 */
export function telemetryOptions(prebuilt: boolean): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  return {
    interceptors: { activity: tracingEnabled() ? [activityTelemetry, activityTracing] : [activityTelemetry], workflowModules: prebuilt ? [] : workflowInterceptorModules },
    sinks: completionSinks,
  };
}
