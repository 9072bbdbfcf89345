/**
 * Workflow interceptor module (bundled with the workflows, workers/worker.ts): reports how each
 * workflow run ended through a sink, so the worker can count it. Sinks are not called on replay,
 * and add no command to the history.
 */
import {
  ContinueAsNew, isCancellation, proxySinks, TemporalFailure, type Next, type Sinks, type WorkflowExecuteInput, type WorkflowInboundCallsInterceptor, type WorkflowInterceptorsFactory,
} from '@temporalio/workflow';

/** How a run ended, as the label `outcome` of lupaflow_workflow_completions_total. */
export type WorkflowOutcome = 'completed' | 'failed' | 'cancelled' | 'continued_as_new';

/** The sink the worker implements (workers/telemetry/metrics.ts). */
export interface CompletionSinks extends Sinks {
  completions: { ended(outcome: WorkflowOutcome): void };
}

const { completions } = proxySinks<CompletionSinks>();

class CompletionMetrics implements WorkflowInboundCallsInterceptor {
  async execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    try {
      const result = await next(input);
      completions.ended('completed');
      return result;
    } catch (err) {
      // Other errors fail the workflow task, not the run (retried): the SDK's own metrics count those.
      if (err instanceof ContinueAsNew) completions.ended('continued_as_new');
      else if (isCancellation(err)) completions.ended('cancelled');
      else if (err instanceof TemporalFailure) completions.ended('failed');
      throw err;
    }
  }
}

export const interceptors: WorkflowInterceptorsFactory = () => ({ inbound: [new CompletionMetrics()] });
