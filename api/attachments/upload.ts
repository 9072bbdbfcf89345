/**
 * Attaching a file: check what can be checked before reading a byte (the case, its status, the type
 * code, the media type, a declared length), stream the bytes into the blob store (hashed, limited,
 * sniffed), then tell the case. Anything refused on the way leaves nothing behind: the blob store
 * keeps nothing of a refused stream, and a refused update deletes what was stored.
 */
import { randomUUID } from 'node:crypto';
import { BlobTooLargeError, MediaTypeMismatchError, sniffed } from '../../activities/attachments';
import { AppError } from '../../infra/errors';
import { ATTACHABLE, attachmentSettings } from '../../workflows/application/attachments';
import { addAttachmentUpdate, type Attachment } from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import { actorOf, applicantCase, caseSettings, updateCase } from '../routers/cases';
import type { RouterDeps } from '../routers/deps';
import type { Session } from '../session/types';
import { safeFilename } from './filename';

export interface AttachmentUpload {
  /** The attachment type's code, e.g. `asemapiirros`. */
  type: string;
  filename: string;
  /** The declared media type (Content-Type), without parameters. */
  mediaType: string;
  stream: AsyncIterable<Uint8Array>;
  /** The length the client declared (Content-Length), if it did: refused before reading when too large. */
  declaredSize?: number;
}

const tooLarge = (max: number) => new AppError(ErrorCode.ATTACHMENT_TOO_LARGE, `The file is too large: this service takes files of at most ${megabytes(max)}.`, { maxFileBytes: max });
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;

/** Stores a file and attaches it to the applicant's case; returns the Attachment as the case lists it. */
export async function storeAttachment(deps: RouterDeps, session: Session, caseId: string, upload: AttachmentUpload): Promise<Attachment> {
  const row = await applicantCase(deps, caseId, session);
  if (!ATTACHABLE.includes(row.view.status)) {
    throw new AppError(ErrorCode.TRANSITION_NOT_ALLOWED, 'Files can be attached only to a draft or while answering a supplement request.');
  }
  const settings = attachmentSettings(await caseSettings(deps, row));
  if (!settings.types.some((t) => t.code === upload.type)) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, 'This service has no such attachment type.', {
      fields: [{ path: 'type', message: `expected one of ${settings.types.map((t) => t.code).join(', ')}` }],
    });
  }
  const filename = safeFilename(upload.filename);
  if (!filename) throw new AppError(ErrorCode.VALIDATION_FAILED, 'The file needs a name.', { fields: [{ path: 'filename', message: 'must name the file' }] });
  const mediaType = upload.mediaType.toLowerCase();
  if (!settings.allowedMediaTypes.includes(mediaType)) {
    throw new AppError(ErrorCode.ATTACHMENT_TYPE_NOT_ALLOWED, `This service does not take files of type ${mediaType || '(none)'}. It takes: ${settings.allowedMediaTypes.join(', ')}.`, {
      allowedMediaTypes: settings.allowedMediaTypes,
    });
  }
  if (upload.declaredSize !== undefined && upload.declaredSize > settings.maxFileBytes) throw tooLarge(settings.maxFileBytes);

  let blob;
  try {
    blob = await deps.attachments.blobs.put(sniffed(upload.stream, mediaType), { maxBytes: settings.maxFileBytes });
  } catch (err) {
    if (err instanceof BlobTooLargeError) throw tooLarge(settings.maxFileBytes);
    if (err instanceof MediaTypeMismatchError) {
      throw new AppError(ErrorCode.ATTACHMENT_TYPE_NOT_ALLOWED, `The file's content is not ${mediaType}, as its type says. Check that you chose the right file.`);
    }
    // The client went away mid-upload: its fault, not the platform's (and nobody is left to read the answer).
    if ((err as NodeJS.ErrnoException).code === 'ECONNRESET') throw new AppError(ErrorCode.VALIDATION_FAILED, 'The upload was interrupted before the whole file arrived.');
    throw err;
  }

  const id = randomUUID();
  const attachment: Attachment = { id, type: upload.type, filename, mediaType, size: blob.size, sha256: blob.sha256, uploadedAt: new Date().toISOString() };
  let view;
  try {
    await deps.attachments.records.insert({
      id, application_id: row.summary.applicationId, type_code: upload.type, filename, media_type: mediaType,
      size_bytes: blob.size, sha256: blob.sha256, uploader_ref: session.subjectRef, blob_key: blob.key,
    });
    view = await updateCase(deps, row, addAttachmentUpdate, { actor: actorOf(session), attachment });
  } catch (err) {
    // The case did not take the file (or could not be asked): keep nothing of it.
    await deps.attachments.records.delete(id);
    await deps.attachments.blobs.delete(blob.key);
    throw err;
  }
  // The case lists the file now: whatever fails from here on, its bytes stay.
  await deps.attachments.records.setState(id, 'attached');
  return view.attachments.find((a) => a.id === id) ?? attachment;
}
