import type { ReadModel } from '../../activities/store';
import { AppError } from '../../infra/errors';
import { ErrorCode } from '../../workflows/error-codes';

/**
 * Why a case acting for someone closed NO_MANDATE at its start, as the applicant should hear it: the
 * workflow's own plain sentence from the closing event, and 422 MANDATE_SELECTION_REQUIRED when the
 * e-Authorizations choice must be made again (not a refusal of the mandate itself).
 */
export async function mandateRefusal(applications: ReadModel, applicationId: string): Promise<AppError> {
  const timeline = await applications.timeline(applicationId);
  const refused = timeline.find((e) => e.type === 'MANDATE_REFUSED');
  const said = timeline.filter((e) => e.type === 'CLOSED').at(-1)?.data.message;
  const message = typeof said === 'string' ? said : 'Suomi.fi e-Authorizations does not confirm that you may act for them in this service; the application was closed.';
  const code = refused?.data.result === 'SELECTION_REQUIRED' ? ErrorCode.MANDATE_SELECTION_REQUIRED : ErrorCode.NO_MANDATE;
  return new AppError(code, message, { applicationId });
}
