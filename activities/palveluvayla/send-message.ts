import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { createHash } from 'node:crypto';
import type { Logger } from '../../infra/logger';
import { outboundPath, type OutboundType } from '../../infra/xroad/lupa-interface';
import { ErrorCode } from '../../workflows/error-codes';
import { canonicalJson } from '../store/canonical-json';
import { XroadCallError, type PalveluvaylaClient } from './client';
import type { ExchangeLog } from './exchange-log';
import type { AttachmentMessageBody } from '../attachments/message-body';

export interface SendMessageInput {
  /** The X-Road-Id, chosen by the workflow when it queued the message: the same on every attempt. */
  messageId: string;
  applicationId: string;
  type: OutboundType;
  /** The authority's provider service. */
  service: string;
  body: Record<string, unknown>;
  /** Who caused the message (pseudonymous ref). */
  userId: string;
}

export interface SendMessageResult { deliveredAt: string; attempts: number }

/** How often a send in progress heartbeats; well inside the heartbeat timeout of workflows/application/activities.ts. */
export const HEARTBEAT_EVERY_MS = 2_000;

/** The retryable failure's type: not an ErrorCode, as no person ever sees it. */
export const XROAD_UNAVAILABLE = 'XROAD_UNAVAILABLE';

/**
 * Builds `sendMessage`: writes the outbox row (once per message id) before sending, counts the
 * attempt, sends with the message's own X-Road-Id and records the outcome. A retryable failure is
 * thrown as such (Temporal retries with the same input, hence the same id); a refusal fails for good
 * with EXCHANGE_REFUSED (the workflow records EXCHANGE_FAILED, which alerts operators).
 */
export function createSendMessage(client: PalveluvaylaClient, exchangeLog: ExchangeLog, log: Logger, attachmentBody: AttachmentMessageBody) {
  return async function sendMessage(input: SendMessageInput): Promise<SendMessageResult> {
    const path = input.type === 'application' ? outboundPath.application() : outboundPath[input.type](input.applicationId);
    const { row } = await exchangeLog.claim({
      id: input.messageId, applicationId: input.applicationId, direction: 'outbound', type: input.type, party: input.service,
      bodySha256: createHash('sha256').update(canonicalJson(input.body)).digest('hex'),
    }, 'pending');
    // A previous attempt may have got through and only its bookkeeping failed: the receiver de-duplicates by id.
    const context = Context.current();
    // While the call waits (up to XROAD_TIMEOUT_MS), heartbeats tell Temporal this attempt is alive: a send
    // lost with a crashed worker is retried after the heartbeat timeout (activities.ts), not the whole 90 s.
    const beating = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
    try {
      // An attachment is queued as its ref (the workflow never holds file bytes); its bytes are read now.
      const body = input.type === 'attachment' ? await attachmentBody(input.applicationId, input.body) : input.body;
      await client.send({
        service: input.service, path, messageId: input.messageId, userId: input.userId, issue: input.applicationId, body,
        // A worker shutting down cancels the attempt: it is then retried elsewhere, with the same id.
        signal: context.cancellationSignal,
      });
    } catch (err) {
      if (err instanceof ApplicationFailure && err.nonRetryable) {
        // An attachment whose stored bytes are gone or not what the case sealed: nothing was sent, and never will be.
        await exchangeLog.finish(input.messageId, 'failed', { error: err.message });
        log.error({ event: 'xroad_message_refused', application_id: input.applicationId, message_id: input.messageId, type: input.type, attempts: row.attempts }, 'an X-Road message could not be built and will not be retried');
        throw err;
      }
      if (!(err instanceof XroadCallError)) throw err;
      const context = { application_id: input.applicationId, message_id: input.messageId, type: input.type, status: err.status, xroad_error: err.type, attempts: row.attempts };
      if (err.retryable) {
        await exchangeLog.noteError(input.messageId, err.message);
        log.warn({ event: 'xroad_send_retry', ...context }, 'X-Road message not delivered yet; retrying');
        throw ApplicationFailure.retryable(err.message, XROAD_UNAVAILABLE);
      }
      await exchangeLog.finish(input.messageId, 'failed', { error: err.message });
      // The operators' alert is the case's EXCHANGE_FAILED event (activities/store/record-events.ts), raised once.
      log.error({ event: 'xroad_message_refused', ...context }, 'an X-Road message was refused and will not be retried');
      throw ApplicationFailure.nonRetryable(err.message, ErrorCode.EXCHANGE_REFUSED, { status: err.status, type: err.type });
    } finally {
      clearInterval(beating);
    }
    await exchangeLog.finish(input.messageId, 'delivered');
    log.info({ event: 'xroad_message_delivered', application_id: input.applicationId, message_id: input.messageId, type: input.type, attempts: row.attempts }, 'X-Road message delivered');
    return { deliveredAt: new Date().toISOString(), attempts: row.attempts };
  };
}
