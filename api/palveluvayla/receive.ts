/**
 * One inbound message from an authority system, exactly once: the sender must be the case's
 * service's own X-Road client; the body must fit the message's schema; the message is written to the
 * inbox under its X-Road-Id before the workflow hears of it; the workflow update carries the same id
 * (Temporal de-duplicates updates by id too); and the outcome is stored, so a repeat is answered as
 * the first time without a second effect. Every refusal names what was wrong and changes nothing.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Knex } from 'knex';
import { createHash } from 'node:crypto';
import type { ExchangeLog } from '../../activities/palveluvayla';
import { canonicalJson } from '../../activities/store/canonical-json';
import type { ServiceCatalogue } from '../../activities/store';
import type { Logger } from '../../infra/logger';
import type { z } from 'zod';
import {
  AcknowledgementMessage, DecisionMessage, INBOUND_SCHEMAS, MESSAGE_LIMITS, StatusMessage, SupplementRequestMessage, type InboundType,
} from '../../infra/xroad/lupa-interface';
import {
  acknowledgeUpdate, authorityStatusUpdate, decideUpdate, requestSupplementUpdate, TERMINAL,
  type Actor, type ApplicationStatus, type DecisionDocument,
} from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import { ProviderRefusal } from './refusal';

export interface InboundMessage { applicationId: string; type: InboundType; client: string; messageId: string; body: unknown }
/** What the provider answers: the status and JSON body, the same for every repeat of a message. */
export interface InboundAnswer { status: number; body: Record<string, unknown> }

export interface ReceiverDeps { db: Knex; temporal: Client; services: ServiceCatalogue; exchangeLog: ExchangeLog; logger: Logger }

/** The refusals a workflow update can end in, as the provider answers them. */
const UPDATE_REFUSALS: Partial<Record<string, { status: number; type: string }>> = {
  [ErrorCode.TRANSITION_NOT_ALLOWED]: { status: 409, type: 'client.transition_not_allowed' },
  [ErrorCode.FORBIDDEN]: { status: 403, type: 'client.access_denied' },
  [ErrorCode.VALIDATION_FAILED]: { status: 400, type: 'client.bad_request' },
};

export function createInboundReceiver(deps: ReceiverDeps) {
  return async function receive(msg: InboundMessage): Promise<InboundAnswer> {
    const parsed = INBOUND_SCHEMAS[msg.type].safeParse(msg.body);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
      throw new ProviderRefusal(400, 'client.bad_request', `The ${msg.type} message is not valid: ${fields}`);
    }
    const body = parsed.data as Record<string, unknown>;
    const { actor, status } = await senderOf(deps, msg);
    const message = {
      id: msg.messageId, applicationId: msg.applicationId, direction: 'inbound' as const, type: msg.type, party: msg.client,
      bodySha256: createHash('sha256').update(canonicalJson(body)).digest('hex'),
    };
    if (TERMINAL.includes(status)) {
      // A repeat of a message answered before the case closed gets that answer again; anything new is refused.
      const earlier = await deps.exchangeLog.repeatAnswer(message);
      if (earlier) return earlier as InboundAnswer;
      throw new ProviderRefusal(409, 'client.case_closed', `Case ${msg.applicationId} is closed (${status}); it takes no more messages.`);
    }

    const document = msg.type === 'decision' ? decodeDocument(msg.messageId, body.document as { filename: string; mediaType: string; contentBase64: string }) : null;
    const claimed = await deps.exchangeLog.claim(message, 'received', document ? (trx) => storeDocument(trx, msg.applicationId, document) : undefined);
    if (claimed.outcome === 'conflict') {
      throw new ProviderRefusal(409, 'client.message_id_reused', `X-Road-Id ${msg.messageId} was already used for a different message; send a new message with a new id.`);
    }
    // Answered before: the same answer again, nothing else.
    if (claimed.outcome === 'repeat' && claimed.row.response) return claimed.row.response as InboundAnswer;

    const answer = await apply(deps, msg, body, actor, document?.ref);
    await deps.exchangeLog.finish(msg.messageId, answer.status < 300 ? 'applied' : 'refused', {
      response: answer, error: answer.status < 300 ? undefined : String(answer.body.message),
    });
    deps.logger.info({ event: 'xroad_message_received', application_id: msg.applicationId, message_id: msg.messageId, type: msg.type, status: answer.status, repeat: claimed.outcome === 'repeat' }, 'X-Road message received');
    return answer;
  };
}

/** The authority system as the case's actor, once the sender is known to be the case's service's own client; and the case's status. */
async function senderOf(deps: ReceiverDeps, msg: InboundMessage): Promise<{ actor: Actor; status: ApplicationStatus }> {
  const row: { service_id: string; status: ApplicationStatus } | undefined = await deps.db('applications').select('service_id', 'status').where({ id: msg.applicationId }).first();
  if (!row) throw new ProviderRefusal(404, 'client.unknown_case', `There is no case ${msg.applicationId}.`);
  const service = await deps.services.get(row.service_id);
  if (!service || service.handlingMode !== 'xroad' || service.xroad?.client !== msg.client) {
    throw new ProviderRefusal(403, 'client.access_denied', `Client ${msg.client} may not send messages about case ${msg.applicationId}.`);
  }
  const authority: { names: { fi: string } } | undefined = await deps.db('authorities').select('names').where({ id: service.authorityId }).first();
  return { actor: { kind: 'authority-system', ref: msg.client, name: authority?.names.fi ?? service.authorityId, authorityId: service.authorityId }, status: row.status };
}

/** Runs the message's update with the X-Road-Id as update id; a refusal of the case becomes the answer. */
async function apply(deps: ReceiverDeps, msg: InboundMessage, body: Record<string, unknown>, actor: Actor, document: DecisionDocument | undefined): Promise<InboundAnswer> {
  const handle = deps.temporal.workflow.getHandle(msg.applicationId);
  const options = { updateId: msg.messageId };
  try {
    switch (msg.type) {
      case 'acknowledgement': {
        const { caseNumber } = body as z.infer<typeof AcknowledgementMessage>;
        await handle.executeUpdate(acknowledgeUpdate, { ...options, args: [{ actor, caseNumber }] });
        break;
      }
      case 'supplement-request': {
        const { message, deadline } = body as z.infer<typeof SupplementRequestMessage>;
        await handle.executeUpdate(requestSupplementUpdate, { ...options, args: [{ actor, message, deadline }] });
        break;
      }
      case 'status': {
        const { status, text } = body as z.infer<typeof StatusMessage>;
        await handle.executeUpdate(authorityStatusUpdate, { ...options, args: [{ actor, status, text }] });
        break;
      }
      case 'decision': {
        const { outcome, text } = body as z.infer<typeof DecisionMessage>;
        await handle.executeUpdate(decideUpdate, { ...options, args: [{ actor, outcome, text, document }] });
        break;
      }
    }
  } catch (err) {
    const failure = err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure ? err.cause : undefined;
    const refusal = failure?.type ? UPDATE_REFUSALS[failure.type] : undefined;
    if (refusal && failure) return { status: refusal.status, body: { type: refusal.type, message: failure.message, detail: msg.messageId } };
    if (err instanceof WorkflowNotFoundError) return { status: 409, body: { type: 'client.case_closed', message: `Case ${msg.applicationId} is closed; it takes no more messages.`, detail: msg.messageId } };
    throw err;
  }
  return { status: 200, body: { applicationId: msg.applicationId, messageId: msg.messageId, applied: msg.type } };
}

interface DecodedDocument { ref: DecisionDocument; content: Buffer }

function decodeDocument(messageId: string, doc: { filename: string; mediaType: string; contentBase64: string }): DecodedDocument {
  const content = Buffer.from(doc.contentBase64, 'base64');
  if (content.length === 0 || content.length > MESSAGE_LIMITS.document) {
    throw new ProviderRefusal(400, 'client.bad_request', `document.contentBase64 must hold 1 to ${MESSAGE_LIMITS.document} bytes.`);
  }
  return {
    ref: { messageId, filename: doc.filename, mediaType: doc.mediaType, sizeBytes: content.length, sha256: createHash('sha256').update(content).digest('hex') },
    content,
  };
}

async function storeDocument(trx: Knex.Transaction, applicationId: string, doc: DecodedDocument): Promise<void> {
  await trx('decision_documents').insert({
    message_id: doc.ref.messageId, application_id: applicationId, filename: doc.ref.filename, media_type: doc.ref.mediaType, sha256: doc.ref.sha256, content: doc.content,
  });
}
