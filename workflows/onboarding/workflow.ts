/**
 * An authority's onboarding: checks until every check passes, again on a timer and whenever an
 * administrator asks, and keeps the checklist for the admin API. Deterministic code only.
 */
import {
  allHandlersFinished, condition, continueAsNew, patched, proxyActivities, setHandler, workflowInfo,
} from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import type { Activities } from '../../activities';
import { ErrorCode } from '../error-codes';
import {
  checklistQuery, connectChannelUpdate, recheckUpdate, type OnboardingChecklist, type OnboardingInput,
} from './messages';

const checks = proxyActivities<Pick<Activities, 'runOnboardingChecks'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes: [ErrorCode.NOT_FOUND] },
});

// A write the administrator waits for: a few quick attempts, then the answer says what failed.
const writes = proxyActivities<Pick<Activities, 'connectPlatformChannel'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumAttempts: 3, nonRetryableErrorTypes: [ErrorCode.PTV_REQUEST_REFUSED] },
});

/** Runs one authority's onboarding; completes with the checklist in which everything passed. */
export async function authorityOnboarding(input: OnboardingInput): Promise<OnboardingChecklist> {
  let checklist: OnboardingChecklist | null = null;
  // One check or write at a time, so a checklist never mixes two rounds.
  const mutex = new Mutex();
  const check = async () => (checklist = await checks.runOnboardingChecks(input.authorityId));

  setHandler(checklistQuery, () => checklist);
  setHandler(recheckUpdate, () => mutex.runExclusive(check));
  setHandler(connectChannelUpdate, () => mutex.runExclusive(async () => {
    await writes.connectPlatformChannel(input.authorityId);
    return check();
  }));

  // Started by an administrator's request (update-with-start), whose round has run already: a second round
  // at once would replace the checklist the administrator was just shown. patched(): earlier runs did that round.
  await mutex.runExclusive(() => (checklist && patched('onboarding-first-round-once') ? checklist : check()));
  while (!checklist!.complete) {
    const done = await condition(() => checklist!.complete, input.recheckInterval);
    if (!done) await mutex.runExclusive(check);
    if (!checklist!.complete && workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof authorityOnboarding>(input);
    }
  }
  await condition(allHandlersFinished);
  return checklist!;
}
