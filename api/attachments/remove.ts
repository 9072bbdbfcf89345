/** Taking a file out of the applicant's case: the case first (it refuses a submitted file), then the bytes. */
import { AppError } from '../../infra/errors';
import { removeAttachmentUpdate } from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import { actorOf, applicantCase, updateCase } from '../routers/cases';
import type { RouterDeps } from '../routers/deps';
import type { Session } from '../session/types';
import { caseAttachments } from './download';

export async function removeAttachment(deps: RouterDeps, session: Session, caseId: string, attachmentId: string): Promise<void> {
  const row = await applicantCase(deps, caseId, session);
  if (!caseAttachments(row).some((a) => a.id === attachmentId)) throw new AppError(ErrorCode.NOT_FOUND, 'The application has no such file.');
  await updateCase(deps, row, removeAttachmentUpdate, { actor: actorOf(session), attachmentId });
  const stored = await deps.attachments.records.get(row.summary.applicationId, attachmentId);
  if (!stored) return;
  await deps.attachments.records.setState(attachmentId, 'removed');
  await deps.attachments.blobs.delete(stored.blob_key);
}
