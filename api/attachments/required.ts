/** Before a submission reaches the case: a clear 422 naming the required attachment types still missing (the case checks again). */
import { AppError } from '../../infra/errors';
import { attachmentSettings } from '../../workflows/application/attachments';
import { ErrorCode } from '../../workflows/error-codes';
import { caseSettings, type CaseRecord } from '../routers/cases';
import type { RouterDeps } from '../routers/deps';
import { caseAttachments } from './download';

export async function requireAttachmentsComplete(deps: RouterDeps, row: CaseRecord): Promise<void> {
  const present = new Set(caseAttachments(row).map((a) => a.type));
  const missing = attachmentSettings(await caseSettings(deps, row)).types.filter((t) => t.required && !present.has(t.code));
  if (missing.length === 0) return;
  throw new AppError(ErrorCode.ATTACHMENTS_MISSING, `Attach the required files first: ${missing.map((t) => t.names.en).join(', ')}.`, {
    missingTypes: missing.map((t) => t.code),
    fields: missing.map((t) => ({ path: `attachments.${t.code}`, message: `a file of type ${t.code} is required` })),
  });
}
