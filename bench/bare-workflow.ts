/**
 * The bare ceiling: a workflow with the same updates, update-with-start, queries and activity count as
 * one application lifecycle (bare-shape.ts), with empty bodies and no-op activities.
 */
import { condition, defineQuery, defineUpdate, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { BareActivities } from './bare-activities';
import { BARE_APPEAL_PERIOD, BARE_QUERY, BARE_STEPS } from './bare-shape';

const { noop } = proxyActivities<BareActivities>({ startToCloseTimeout: '30 seconds' });

export async function bareLifecycle(): Promise<void> {
  const updates = BARE_STEPS.flatMap((s) => (s.kind === 'query' ? [] : [s]));
  let last = false;
  setHandler(defineQuery<null>(BARE_QUERY), () => null);
  for (const step of updates) {
    setHandler(defineUpdate<null>(step.name), async () => {
      for (let i = 0; i < step.activities; i++) await noop();
      if (step === updates[updates.length - 1]) last = true;
      return null;
    });
  }
  await condition(() => last);
  await sleep(BARE_APPEAL_PERIOD);
}
