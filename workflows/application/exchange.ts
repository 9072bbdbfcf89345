/**
 * xroad mode: the case's side of the exchange with the authority's own case system over
 * Suomi.fi-palveluväylä. Outbound messages are queued in the case state with a stable id (uuid4 is
 * deterministic in workflow code) and sent in order by `runOutbox`, outside the case's lock, so that
 * an outage never blocks the applicant or the authority; each outcome is applied under the lock.
 * Portal cases never queue anything, so their histories are unchanged.
 */
import { ActivityFailure, ApplicationFailure, condition, uuid4 } from '@temporalio/workflow';
import { ErrorCode } from '../error-codes';
import { exchange } from './activities';
import { attachmentRef } from './attachments';
import { TERMINAL, type Actor, type Attachment, type CaseEventType, type SubmissionReceipt } from './messages';
import { type CaseState, iso } from './state';

/** `attachment`: one file, sent after the application or supplement that names it (its bytes are read when sent). */
export type OutboundKind = 'application' | 'supplement' | 'withdrawal' | 'attachment';

/** A message for the authority system; `messageId` is its X-Road-Id on every attempt. */
export interface OutboundMessage {
  messageId: string;
  type: OutboundKind;
  /** Emptied once the message is done with, to keep the workflow's memory small. */
  body: Record<string, unknown>;
  /** X-Road-UserId: the pseudonymous ref of who caused it. */
  userId: string;
  state: 'queued' | 'delivered' | 'refused';
}

export type SendOutcome = { delivered: boolean };

type Recorder = (type: CaseEventType, data: Record<string, unknown>) => void;

export const isXroad = (state: CaseState): boolean => state.service?.handlingMode === 'xroad';

/** Queues a message for the authority system; does nothing for a portal case. */
export function queueOutbound(state: CaseState, type: OutboundKind, body: Record<string, unknown>, actor: Actor): void {
  if (!isXroad(state)) return;
  state.outbox.push({ messageId: uuid4(), type, body, userId: actor.ref, state: 'queued' });
}

/** The application as the authority system receives it: no identity code, only pseudonymous refs. */
export function applicationMessage(state: CaseState, receipt: SubmissionReceipt): Record<string, unknown> {
  const { input } = state;
  return {
    applicationId: input.applicationId, serviceId: input.serviceId, language: input.language,
    applicant: { ref: input.applicant.ref, name: input.applicant.name }, principal: input.principal, form: state.draft.form,
    receipt: { receiptId: receipt.receiptId, submittedAt: receipt.submittedAt, contentSha256: receipt.contentSha256 },
    // The files follow as attachment messages of their own; the application names them, so the authority knows what to expect.
    ...(state.attachments.length > 0 ? { attachments: state.attachments.map(attachmentRef) } : {}),
  };
}

/** Queues one message per file (its ref only: the send reads the bytes from the blob store); nothing for a portal case. */
export function queueAttachments(state: CaseState, files: Attachment[], actor: Actor): void {
  for (const file of files) queueOutbound(state, 'attachment', attachmentRef(file), actor);
}

/**
 * Whether the authority system has, or may yet get, the application: it was submitted and not refused
 * for good. Only then is a withdrawal worth sending (otherwise the authority has no case to withdraw).
 */
export const mayHoldApplication = (state: CaseState): boolean =>
  state.submission !== null && !state.outbox.some((m) => m.type === 'application' && m.state === 'refused');

const nextQueued = (state: CaseState) => state.outbox.find((m) => m.state === 'queued');

/** Sends the queued messages one by one, in order, until the case is over and nothing is left to send. */
export async function runOutbox(state: CaseState, apply: (message: OutboundMessage, outcome: SendOutcome) => Promise<void>): Promise<void> {
  for (;;) {
    await condition(() => nextQueued(state) !== undefined || TERMINAL.includes(state.status));
    const message = nextQueued(state);
    if (!message || !state.service?.xroad) return;
    let outcome: SendOutcome;
    try {
      await exchange.sendMessage({
        messageId: message.messageId, applicationId: state.input.applicationId, type: message.type,
        service: state.service.xroad.service, body: message.body, userId: message.userId,
      });
      outcome = { delivered: true };
    } catch (err) {
      const refused = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === ErrorCode.EXCHANGE_REFUSED;
      if (!refused) throw err;
      // What the authority system answered stays in the exchange log (last_error), for operators only.
      outcome = { delivered: false };
    }
    await apply(message, outcome);
  }
}

/** The authority system has the application: the applicant sees "delivered to the authority". */
export function markDelivered(state: CaseState, record: Recorder, data: Record<string, unknown>): void {
  state.status = 'DELIVERED';
  record('DELIVERED', {
    handlingMode: 'xroad', authorityId: state.service?.authorityId, acknowledgementDueAt: state.acknowledgementDueAt === null ? null : iso(state.acknowledgementDueAt), ...data,
  });
}

/** What the case's timeline says of a message refused for good (the applicant sees it). */
const REFUSED: Record<OutboundKind, string> = {
  application: "The authority's case system did not accept the application. The service's operators have been alerted.",
  supplement: "The authority's case system did not accept the supplement. The service's operators have been alerted.",
  withdrawal: "The authority's case system did not accept the withdrawal. The service's operators have been alerted.",
  attachment: "The authority's case system did not accept an attachment. The service's operators have been alerted.",
};

/** The files queued after a refused application or supplement have no case to join: they are not sent (its EXCHANGE_FAILED says why). */
function dropFollowingAttachments(state: CaseState, refused: OutboundMessage): void {
  for (const next of state.outbox.slice(state.outbox.indexOf(refused) + 1)) {
    if (next.type !== 'attachment' || next.state !== 'queued') return;
    next.state = 'refused';
    next.body = {};
  }
}

/**
 * Applies a send's outcome: a delivered application moves a SUBMITTED case to DELIVERED (once: an
 * acknowledgement may have proved the delivery first); a refusal is recorded for operators.
 */
export function applySendOutcome(state: CaseState, message: OutboundMessage, outcome: SendOutcome, record: Recorder): void {
  message.body = {};
  if (!outcome.delivered) {
    message.state = 'refused';
    record('EXCHANGE_FAILED', { messageId: message.messageId, messageType: message.type, reason: REFUSED[message.type] });
    if (message.type !== 'attachment') dropFollowingAttachments(state, message);
    return;
  }
  message.state = 'delivered';
  if (message.type === 'application' && state.status === 'SUBMITTED') markDelivered(state, record, { messageId: message.messageId });
}
