import type { UpdateDefinition } from '@temporalio/common';
import { AppError } from '../../infra/errors';
import { ErrorCode } from '../../workflows/error-codes';
import { DEFAULT_APPLICATION_START_TIMEOUT_MS } from '../config';
import { updateCase, type CaseRecord } from '../routers/cases';
import { describeCase, waitsForMandateCheck } from './mandate-wait';
import type { RouterDeps } from '../routers/deps';

/**
 * An applicant's act on a case that acts for someone else: the workflow first checks the mandate with
 * Suomi.fi e-Authorizations and waits while the service is unreachable, so the answer is bounded by
 * APPLICATION_START_TIMEOUT_MS; then 503 says what the act is waiting for. Own cases go straight through.
 */
export async function mandatedUpdate<Ret, Arg>(deps: RouterDeps, row: CaseRecord, update: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
  if (!row.view.principal) return updateCase(deps, row, update, arg);
  const signal = AbortSignal.timeout(deps.config.APPLICATION_START_TIMEOUT_MS ?? DEFAULT_APPLICATION_START_TIMEOUT_MS);
  try {
    return await deps.temporal.connection.withAbortSignal(signal, () => updateCase(deps, row, update, arg));
  } catch (err) {
    if (!signal.aborted) throw err;
    const { applicationId } = row.summary;
    throw new AppError(ErrorCode.DEPENDENCY_UNAVAILABLE, waitsForMandateCheck(await describeCase(deps.temporal, applicationId))
      ? 'Your act is waiting for Suomi.fi e-Authorizations to confirm your mandate, which is not answering right now. It goes through once the service answers; check the application\'s status shortly.'
      : 'Your act was received but is not done yet; check the application\'s status shortly.',
      { applicationId });
  }
}
