/**
 * The case's attachments as pure rules (issue 6): which settings apply, which required types are
 * missing, what a receipt and a message name of each file. The bytes never enter the workflow: the
 * API keeps them in the blob store and the case keeps their metadata and SHA-256.
 */
import { DEFAULT_ATTACHMENT_SETTINGS, type ApplicationStatus, type Attachment, type AttachmentSettings, type ServiceSettings } from './messages';
import type { CaseState } from './state';

/** Files may be added or taken out while the applicant prepares the application or answers a supplement request. */
export const ATTACHABLE: readonly ApplicationStatus[] = ['DRAFT', 'SUPPLEMENT_REQUESTED'];

/** At most this many files per case, so that the workflow's state stays small. */
export const MAX_ATTACHMENTS = 100;

/** The case's attachment rules; cases started before attachments existed have none of their own. */
export const attachmentSettings = (service: ServiceSettings | null): AttachmentSettings => service?.attachments ?? DEFAULT_ATTACHMENT_SETTINGS;

/** Codes of the required attachment types the case has no file of. */
export function missingRequiredTypes(state: CaseState): string[] {
  const present = new Set(state.attachments.map((a) => a.type));
  return attachmentSettings(state.service).types.filter((t) => t.required && !present.has(t.code)).map((t) => t.code);
}

/** What a receipt seals and a message carries of a file: everything but the upload time. */
export type AttachmentRef = Omit<Attachment, 'uploadedAt'>;

export const attachmentRef = ({ uploadedAt: _uploadedAt, ...ref }: Attachment): AttachmentRef => ref;

/** The files added since the last submission or supplement answer. */
export const unsealedAttachments = (state: CaseState): Attachment[] =>
  state.attachments.filter((a) => !state.sealedAttachmentIds.includes(a.id));

/**
 * What a receipt's hash covers: `content` alone when no file comes with it (so receipts of cases
 * without attachments hash exactly as before), else the content and the files' refs with their SHA-256.
 */
export function sealedContent(content: Record<string, unknown>, files: Attachment[]): Record<string, unknown> {
  return files.length === 0 ? content : { content, attachments: files.map(attachmentRef) };
}
