import type { Request } from 'express';
import type { Knex } from 'knex';
import { AppError } from '../infra/errors';
import { ErrorCode } from '../workflows/error-codes';

/** What an official or operator did with an application. */
export type UsageAction =
  | 'case.list' | 'case.read' | 'case.timeline' | 'case.acknowledge' | 'case.request_supplement' | 'case.decide'
  | 'attachment.list' | 'attachment.read'
  | 'operator.list' | 'operator.read' | 'operator.history' | 'operator.exchange'
  | 'operator.notifications' | 'operator.codec_decode' | 'operator.codec_encode'
  | 'admin.services' | 'admin.service_import' | 'admin.service_configure' | 'admin.surveys' | 'admin.survey_save'
  | 'admin.onboarding_read' | 'admin.onboarding_check' | 'admin.onboarding_connect';

// The reason is stated by the caller in X-Purpose; it is free text for a person, so it is bounded and single-line.
const PURPOSE = /^[\p{L}\p{N} .,:;()/_-]{1,200}$/u;

/**
 * Writes usage-log rows (who, when, what, why) before the answer leaves: if the write fails, the
 * request fails, because reading personal data without a record is not allowed.
 */
export function createUsageLog(db: Knex) {
  return {
    async record(req: Request, action: UsageAction, applicationIds: (string | null)[], defaultPurpose: string): Promise<void> {
      const session = req.session;
      if (!session) throw new AppError(ErrorCode.NOT_AUTHENTICATED, 'Please log in first.');
      const purpose = purposeOf(req) ?? defaultPurpose;
      const rows = (applicationIds.length > 0 ? applicationIds : [null]).map((applicationId) => ({
        subject_ref: session.subjectRef,
        display_name: session.displayName,
        authority_id: session.authorityId,
        action,
        application_id: applicationId,
        purpose,
        request_id: req.id,
      }));
      await db('usage_log').insert(rows);
    },
  };
}

export type UsageLog = ReturnType<typeof createUsageLog>;

function purposeOf(req: Request): string | undefined {
  const given = req.get('x-purpose')?.trim();
  if (!given) return undefined;
  if (!PURPOSE.test(given)) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, 'The X-Purpose header must be one line of at most 200 letters, digits and punctuation.', {
      fields: [{ path: 'headers.x-purpose', message: 'Invalid purpose.' }],
    });
  }
  return given;
}
