/**
 * The attachment operations the JSON API and the pages share (parts.md): each takes the router's
 * deps, the session and the input, and answers what the API answers, throwing AppError.
 */
import type { Request, Response } from 'express';
import type { Attachment } from '../../workflows/application/messages';
import { readableCase } from '../acting-for/organisation-cases';
import { authorityCase } from '../routers/cases';
import type { RouterDeps } from '../routers/deps';
import type { Session } from '../session/types';
import { authorityAttachments, caseAttachments, sendAttachment } from './download';

export { storeAttachment, type AttachmentUpload } from './upload';
export { removeAttachment } from './remove';
export { requireAttachmentsComplete } from './required';

const HANDLING = 'case handling';

/** The files of a case the applicant may read (their own, or their organisation's). */
export async function listAttachments(deps: RouterDeps, session: Session, caseId: string): Promise<Attachment[]> {
  return caseAttachments(await readableCase(deps, caseId, session));
}

/** Sends one file of a case the applicant may read. */
export async function downloadAttachment(deps: RouterDeps, session: Session, caseId: string, attachmentId: string, res: Response): Promise<void> {
  await sendAttachment(deps, await readableCase(deps, caseId, session), attachmentId, res);
}

/** The files of a case an official's authority may see; the read is usage-logged first. */
export async function officialListAttachments(deps: RouterDeps, req: Request, session: Session, caseId: string): Promise<Attachment[]> {
  const row = await authorityCase(deps, caseId, session);
  await deps.usageLog.record(req, 'attachment.list', [caseId], HANDLING);
  return authorityAttachments(row);
}

/** Sends one file to an official of the case's authority; the read is usage-logged before a byte leaves. */
export async function officialDownloadAttachment(deps: RouterDeps, req: Request, session: Session, caseId: string, attachmentId: string, res: Response): Promise<void> {
  const row = await authorityCase(deps, caseId, session);
  await deps.usageLog.record(req, 'attachment.read', [caseId], HANDLING);
  await sendAttachment(deps, row, attachmentId, res, authorityAttachments);
}
