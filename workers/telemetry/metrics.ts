/**
 * The worker's own Prometheus series: activity outcomes and durations (an activity interceptor, which
 * also puts the activity's ids on its log lines) and workflow outcomes (a sink fed by
 * workflows/completion-metrics.ts). Labels are types and outcomes only: bounded, no ids.
 */
import type { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor, ActivityInterceptorsFactory, InjectedSinks, Next } from '@temporalio/worker';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { caseMetrics } from '../../infra/telemetry/case-metrics';
import { integrationMetrics } from '../../infra/telemetry/integration-metrics';
import { withLogFields } from '../../infra/telemetry/log-context';
import type { CompletionSinks } from '../../workflows/completion-metrics';

/** This process's worker series, plus process metrics, integration latencies and case events. */
export const workerRegistry = new Registry();
collectDefaultMetrics({ register: workerRegistry });
for (const metric of [...integrationMetrics, ...caseMetrics]) workerRegistry.registerMetric(metric);

const activityExecutions = new Counter({
  name: 'lupaflow_activity_executions_total',
  help: 'Activity attempts by activity type and outcome: completed, retrying (failed, Temporal retries it), failed (for good), cancelled.',
  labelNames: ['activity', 'outcome'],
  registers: [workerRegistry],
});
const activityDuration = new Histogram({
  name: 'lupaflow_activity_duration_seconds',
  help: 'Duration of activity attempts by activity type.',
  labelNames: ['activity'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
  registers: [workerRegistry],
});
const workflowCompletions = new Counter({
  name: 'lupaflow_workflow_completions_total',
  help: 'Workflow runs ended on this worker, by workflow type and outcome: completed, failed, cancelled, continued_as_new.',
  labelNames: ['workflow', 'outcome'],
  registers: [workerRegistry],
});

type ActivityOutcome = 'completed' | 'retrying' | 'failed' | 'cancelled';

/** Whether Temporal will try a failed attempt again, from the error and the activity's retry policy. */
function failedOutcome(err: unknown, info: Context['info']): ActivityOutcome {
  if (err instanceof CancelledFailure) return 'cancelled';
  const policy = info.retryPolicy;
  if (err instanceof ApplicationFailure && (err.nonRetryable || (err.type && policy?.nonRetryableErrorTypes?.includes(err.type)))) return 'failed';
  if (policy?.maximumAttempts && info.attempt >= policy.maximumAttempts) return 'failed';
  return 'retrying';
}

class ActivityTelemetry implements ActivityInboundCallsInterceptor {
  constructor(private readonly ctx: Context) {}

  async execute(input: ActivityExecuteInput, next: Next<ActivityInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    const { info } = this.ctx;
    const activity = info.activityType;
    const stop = activityDuration.startTimer({ activity });
    const fields = { workflowId: info.workflowExecution?.workflowId, runId: info.workflowExecution?.runId, activityType: activity, attempt: info.attempt };
    try {
      const result = await withLogFields(fields, () => next(input));
      activityExecutions.inc({ activity, outcome: 'completed' });
      return result;
    } catch (err) {
      activityExecutions.inc({ activity, outcome: failedOutcome(err, info) });
      throw err;
    } finally {
      stop();
    }
  }
}

/** The activity interceptor: metrics and log fields for every activity attempt. */
export const activityTelemetry: ActivityInterceptorsFactory = (ctx) => ({ inbound: new ActivityTelemetry(ctx) });

/** The worker side of workflows/completion-metrics.ts. */
export const completionSinks: InjectedSinks<CompletionSinks> = {
  completions: {
    ended: { fn: (info, outcome) => workflowCompletions.inc({ workflow: info.workflowType, outcome }), callDuringReplay: false },
  },
};
