/**
 * The bare ceiling: a workflow that takes a lifecycle's shape (bare-shape.ts) and repeats its Temporal
 * traffic with empty bodies: the same updates in the same order, as many no-op activities per update,
 * timers started and cancelled as the real one did, and a query that answers nothing.
 */
import { ApplicationFailure, CancellationScope, condition, defineQuery, defineUpdate, isCancellation, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { BareActivities } from './bare-activities';
import { BARE_QUERY, BARE_TIMER, type BareStep } from './bare-shape';

const { noop } = proxyActivities<BareActivities>({ startToCloseTimeout: '30 seconds' });

export async function bareLifecycle(steps: BareStep[]): Promise<void> {
  let next = 0;
  const timers: CancellationScope[] = [];
  setHandler(defineQuery<null>(BARE_QUERY), () => null);
  for (const name of new Set(steps.map((s) => s.name))) {
    setHandler(defineUpdate<null>(name), async () => {
      const step = steps[next++];
      if (step?.name !== name) throw ApplicationFailure.nonRetryable(`bare lifecycle: expected update ${step?.name ?? '(none)'}, got ${name}`);
      for (const scope of timers.splice(0, step.timersCancelled)) scope.cancel();
      for (let i = 0; i < step.timersStarted; i++) timers.push(startTimer());
      for (let i = 0; i < step.activities; i++) await noop();
      return null;
    });
  }
  // Like a decided case waiting out its appeal period on a running timer: never done during a bench.
  await condition(() => false);
}

/** A long timer in its own scope, so a later step can cancel it like a real deadline that passed its use. */
function startTimer(): CancellationScope {
  const scope = new CancellationScope();
  void scope.run(() => sleep(BARE_TIMER)).catch((err: unknown) => {
    if (!isCancellation(err)) throw err;
  });
  return scope;
}
