/**
 * The permit application workflow: one per application, from the identity check to the end of the
 * appeal period (design.md, "The permit application lifecycle"). Deterministic code only.
 */
import { allHandlersFinished, CancellationScope, condition, setHandler, sleep } from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import { ApplicationCase } from './case';
import { pendingDeadlines } from './deadlines';
import { isXroad, runOutbox } from './exchange';
import {
  addAttachmentUpdate, removeAttachmentUpdate, acknowledgeUpdate, authorityStatusUpdate, decideUpdate, openUpdate, requestSupplementUpdate, saveDraftUpdate, setConsentUpdate, statusQuery, submitUpdate,
  serviceSettingsQuery, supplementUpdate, TERMINAL, timelineQuery, withdrawUpdate,
  type ApplicationView, type StartApplicationInput,
} from './messages';
import {
  checkAddAttachment, checkRemoveAttachment, checkAcknowledge, checkAuthorityStatus, checkDecide, checkRequestSupplement, checkSaveDraft, checkSetConsent, checkSubmit, checkSupplement, checkWithdraw,
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
  setHandler(serviceSettingsQuery, () => c.state.service);
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
  setHandler(authorityStatusUpdate, (i) => exclusive(() => c.authorityStatus(i)), { validator: (i) => checkAuthorityStatus(c.state, i) });
  setHandler(setConsentUpdate, (i) => exclusive(() => c.setConsent(i)), { validator: (i) => checkSetConsent(c.state, i) });
  setHandler(addAttachmentUpdate, (i) => exclusive(() => c.addAttachment(i)), { validator: (i) => checkAddAttachment(c.state, i) });
  setHandler(removeAttachmentUpdate, (i) => exclusive(() => c.removeAttachment(i)), { validator: (i) => checkRemoveAttachment(c.state, i) });

  await exclusive(() => c.open());
  // xroad mode: messages to the authority system go out beside the main loop, which keeps serving people.
  const outbox = isXroad(c.state) ? runOutbox(c.state, (message, outcome) => exclusive(() => c.exchanged(message, outcome))) : undefined;

  // Wait for people or for the next deadline, whichever comes first; waiting ends in a status, never an error.
  // Each timer started (and cancelled) costs the Temporal server, so a running timer is kept across changes
  // while it is not later than the next deadline: one that comes early finds nothing due and is re-armed.
  let timer: DeadlineTimer | undefined;
  while (!TERMINAL.includes(c.state.status)) {
    const seen = c.revision;
    const next = pendingDeadlines(c.state)[0];
    if (next && next.at <= Date.now()) {
      await exclusive(() => c.fireDueDeadlines());
      continue;
    }
    if (!(timer && !timer.fired && next && timer.at <= next.at)) {
      timer?.cancel();
      timer = next && startTimer(next.at);
    }
    const waiting = timer;
    await condition(() => c.revision !== seen || waiting?.fired === true);
  }

  await outbox;
  await c.notifier.drain();
  await condition(allHandlersFinished);
  return c.view();
}

/** A durable timer for one moment; `fired` turns true when the moment has come. */
interface DeadlineTimer { readonly at: number; fired: boolean; cancel(): void }

function startTimer(at: number): DeadlineTimer {
  const scope = new CancellationScope();
  const timer: DeadlineTimer = { at, fired: false, cancel: () => scope.cancel() };
  // The sleep rejects only when cancelled, which is then the expected end of this timer.
  scope.run(() => sleep(at - Date.now())).then(() => { timer.fired = true; }, () => undefined);
  return timer;
}
