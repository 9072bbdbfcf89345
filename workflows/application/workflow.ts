/**
 * The permit application workflow: one per application, from the identity check to the end of the
 * appeal period (design.md, "The permit application lifecycle"). Deterministic code only.
 */
import { allHandlersFinished, condition, setHandler } from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import { ApplicationCase } from './case';
import { pendingDeadlines } from './deadlines';
import {
  acknowledgeUpdate, decideUpdate, openUpdate, requestSupplementUpdate, saveDraftUpdate, statusQuery, submitUpdate,
  supplementUpdate, TERMINAL, timelineQuery, withdrawUpdate,
  type ApplicationView, type StartApplicationInput,
} from './messages';
import {
  checkAcknowledge, checkDecide, checkRequestSupplement, checkSaveDraft, checkSubmit, checkSupplement, checkWithdraw,
} from './transitions';

/** Runs one application; completes with its final view (FINAL or CLOSED). */
export async function permitApplication(input: StartApplicationInput): Promise<ApplicationView> {
  const c = new ApplicationCase(input);
  // One change at a time: handlers that await activities must not interleave with each other or with timers.
  const mutex = new Mutex();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => mutex.runExclusive(fn);

  // 👉 Queries read, never change. Validators are synchronous: a rejected update never enters history.
  setHandler(statusQuery, () => c.view());
  setHandler(timelineQuery, () => c.state.timeline);
  setHandler(openUpdate, async () => {
    await condition(() => c.opened);
    return c.view();
  });
  setHandler(saveDraftUpdate, (i) => exclusive(() => c.saveDraft(i)), { validator: (i) => checkSaveDraft(c.state, i) });
  setHandler(submitUpdate, (i) => exclusive(() => c.submit(i)), { validator: (i) => checkSubmit(c.state, i) });
  setHandler(supplementUpdate, (i) => exclusive(() => c.supplement(i)), { validator: (i) => checkSupplement(c.state, i) });
  setHandler(withdrawUpdate, (i) => exclusive(() => c.withdraw(i)), { validator: (i) => checkWithdraw(c.state, i) });
  setHandler(acknowledgeUpdate, (i) => exclusive(() => c.acknowledge(i)), { validator: (i) => checkAcknowledge(c.state, i) });
  setHandler(requestSupplementUpdate, (i) => exclusive(() => c.requestSupplement(i)), {
    validator: (i) => checkRequestSupplement(c.state, i, Date.now()),
  });
  setHandler(decideUpdate, (i) => exclusive(() => c.decide(i)), { validator: (i) => checkDecide(c.state, i) });

  await exclusive(() => c.open());

  // Wait for people or for the next deadline, whichever comes first; waiting ends in a status, never an error.
  while (!TERMINAL.includes(c.state.status)) {
    const seen = c.revision;
    const next = pendingDeadlines(c.state)[0];
    if (!next) {
      await condition(() => c.revision !== seen);
      continue;
    }
    const wait = next.at - Date.now();
    const changed = wait > 0 && (await condition(() => c.revision !== seen, wait));
    if (!changed) await exclusive(() => c.fireDueDeadlines());
  }

  await condition(allHandlersFinished);
  return c.view();
}
