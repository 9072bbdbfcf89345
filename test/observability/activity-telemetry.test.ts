/** [#7] The worker's activity interceptor: each attempt counted by what Temporal does next, and its ids on every log line. */
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { currentLogFields } from '../../infra/telemetry/log-context';
import { activityTelemetry, workerRegistry } from '../../workers/telemetry/metrics';

async function attempt(activityType: string, attemptNo: number, body: () => unknown): Promise<void> {
  const env = new MockActivityEnvironment(
    { activityType, attempt: attemptNo, retryPolicy: { maximumAttempts: 3, nonRetryableErrorTypes: ['NO_MANDATE'] }, workflowExecution: { workflowId: 'LV-2026-000042', runId: 'run-1' } },
    { interceptors: [activityTelemetry], logger: new DefaultLogger('ERROR') },
  );
  await env.run(async () => body()).catch(() => undefined);
}

async function outcomes(activity: string): Promise<Record<string, number>> {
  const { values } = await workerRegistry.getSingleMetric('lupaflow_activity_executions_total')!.get();
  return Object.fromEntries(values.filter((v) => v.labels.activity === activity).map((v) => [v.labels.outcome, v.value]));
}

describe('[#7] activity metrics and log fields', () => {
  it('counts completed, retrying and failed attempts the way Temporal goes on with them', async () => {
    await attempt('probeOutcomes', 1, () => 'done');
    await attempt('probeOutcomes', 1, () => { throw new Error('connection reset'); });
    await attempt('probeOutcomes', 2, () => { throw ApplicationFailure.retryable('upstream 503', 'UPSTREAM_FAILED'); });
    await attempt('probeOutcomes', 3, () => { throw new Error('connection reset'); }); // the last of maximumAttempts
    await attempt('probeOutcomes', 1, () => { throw ApplicationFailure.nonRetryable('refused', 'SCHEMA'); });
    await attempt('probeOutcomes', 1, () => { throw ApplicationFailure.retryable('no mandate', 'NO_MANDATE'); }); // non-retryable by policy
    expect(await outcomes('probeOutcomes')).toEqual({ completed: 1, retrying: 2, failed: 3 });
    const durations = await workerRegistry.getSingleMetric('lupaflow_activity_duration_seconds')!.get();
    const count = durations.values.find((v) => v.labels.activity === 'probeOutcomes' && (v as { metricName?: string }).metricName?.endsWith('_count'));
    expect(count?.value).toBe(6);
  });

  it('puts the workflow id, run id, activity type and attempt on what the activity logs, and nothing outside it', async () => {
    let inside = {};
    await attempt('probeFields', 2, () => { inside = currentLogFields(); });
    expect(inside).toEqual({ workflowId: 'LV-2026-000042', runId: 'run-1', activityType: 'probeFields', attempt: 2 });
    expect(currentLogFields()).toEqual({});
  });
});
