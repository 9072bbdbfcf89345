/**
 * xroad mode: the body of an attachment message, read when it is sent (the workflow queues only the
 * file's ref). The bytes are checked against the SHA-256 the case sealed before they leave.
 */
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { MESSAGE_LIMITS } from '../../infra/xroad/lupa-interface';
import { ErrorCode } from '../../workflows/error-codes';
import type { AttachmentStorage } from './index';

/** Builds the function that turns a queued ref `{ id, …, sha256 }` into the message with `contentBase64`. */
export function createAttachmentMessageBody(storage: AttachmentStorage) {
  return async function attachmentMessageBody(applicationId: string, ref: Record<string, unknown>): Promise<Record<string, unknown>> {
    const row = await storage.records.get(applicationId, String(ref.id));
    const refuse = (why: string) => ApplicationFailure.nonRetryable(`Attachment ${String(ref.id)} cannot be sent: ${why}`, ErrorCode.EXCHANGE_REFUSED);
    if (!row) throw refuse('its bytes are gone');
    if (row.size_bytes > MESSAGE_LIMITS.attachment) throw refuse('it is larger than an attachment message carries');
    const pieces: Buffer[] = [];
    for await (const piece of storage.blobs.get(row.blob_key)) pieces.push(piece as Buffer);
    const content = Buffer.concat(pieces);
    if (createHash('sha256').update(content).digest('hex') !== ref.sha256) throw refuse('its bytes do not match the SHA-256 the case sealed');
    return { ...ref, contentBase64: content.toString('base64') };
  };
}

export type AttachmentMessageBody = ReturnType<typeof createAttachmentMessageBody>;
