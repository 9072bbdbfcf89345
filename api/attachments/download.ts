/** Lists a case's files and sends one: the case's list is the truth, the attachments table says where the bytes are. */
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../infra/errors';
import type { Attachment, CaseEventType, TimelineEntry } from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import type { CaseRecord } from '../routers/cases';
import type { RouterDeps } from '../routers/deps';

/** The files of a case as its stored view lists them (views stored before attachments existed list none). */
export const caseAttachments = (row: CaseRecord): Attachment[] => (row.view as { attachments?: Attachment[] }).attachments ?? [];

/**
 * The files the case's authority may see: a draft's (shown with consent) all; afterwards those sent with
 * the submission or a supplement answer, not those the applicant is still gathering for an open request.
 * The workflow's clock stamps all three times, so they compare exactly.
 */
export function authorityAttachments(row: CaseRecord): Attachment[] {
  const sentAt = lastSentAt(row);
  return sentAt === undefined ? caseAttachments(row) : caseAttachments(row).filter((a) => a.uploadedAt <= sentAt);
}

/**
 * The case's timeline as the authority may see it: without the adding and removing of files the
 * applicant is still gathering (their names and hashes are not the authority's before they are sent).
 */
export function authorityTimeline(row: CaseRecord, timeline: TimelineEntry[]): TimelineEntry[] {
  const sentAt = lastSentAt(row);
  return sentAt === undefined ? timeline : timeline.filter((e) => !GATHERING.has(e.type) || e.at <= sentAt);
}

const GATHERING = new Set<CaseEventType>(['ATTACHMENT_ADDED', 'ATTACHMENT_REMOVED']);

/** When the applicant last sent the authority something (the submission or a supplement answer); undefined for a draft (all shown with consent). */
function lastSentAt(row: CaseRecord): string | undefined {
  const { status, submission, supplementRequests } = row.view;
  if (status === 'DRAFT') return undefined;
  return [submission?.submittedAt, ...supplementRequests.map((r) => r.answeredAt)].filter((t): t is string => Boolean(t)).sort().at(-1) ?? '';
}

/**
 * Streams one file of the case (one `listedFor` the reader lists) as a download: its media type, a safe file name (stored cleaned, sent
 * through Express's RFC 6266 encoding), `Digest: sha-256=…` and nosniff, so a browser never runs it.
 */
export async function sendAttachment(deps: RouterDeps, row: CaseRecord, attachmentId: string, res: Response, listedFor: (row: CaseRecord) => Attachment[] = caseAttachments): Promise<void> {
  const listed = listedFor(row).find((a) => a.id === attachmentId);
  const stored = listed && await deps.attachments.records.get(row.summary.applicationId, attachmentId);
  if (!listed || !stored) throw new AppError(ErrorCode.NOT_FOUND, 'The application has no such file.');
  res.status(200)
    .type(stored.media_type)
    .attachment(stored.filename)
    .set({
      'Content-Length': String(stored.size_bytes),
      Digest: `sha-256=${Buffer.from(stored.sha256, 'hex').toString('base64')}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
  try {
    await pipeline(deps.attachments.blobs.get(stored.blob_key), res);
  } catch (err) {
    // A reader that goes away mid-download is no error of the platform's.
    if ((err as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
  }
}
