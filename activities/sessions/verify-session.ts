import type { Knex } from 'knex';
import { ApplicationFailure } from '@temporalio/activity';
import { ErrorCode } from '../../workflows/error-codes';
import { meetsLoa, type LevelOfAssurance } from '../../workflows/application/messages';

export interface VerifySessionInput {
  /** sessions.id of the login the case was started from. */
  sessionRef: string;
  /** The applicant's keyed-hash ref, which the session's subject must match. */
  subjectRef: string;
  requiredLoa: LevelOfAssurance;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const refuse = (type: ErrorCode, message: string) => ApplicationFailure.create({ type, message, nonRetryable: true });

/**
 * Builds `verifySession`: re-reads the login session in PostgreSQL, since a case must not rest on a
 * session that has ended or expired meanwhile, and checks its level of assurance against the service's.
 * Refusals are non-retryable (retrying cannot mend them); database errors are retried.
 */
export function createVerifySession(db: Knex) {
  return async function verifySession(input: VerifySessionInput): Promise<{ loa: LevelOfAssurance }> {
    const row = UUID.test(input.sessionRef)
      ? await db('sessions').select('kind', 'subject_ref', 'loa', 'expires_at', 'ended_at').where({ id: input.sessionRef }).first()
      : undefined;
    if (!row || row.kind !== 'applicant' || row.subject_ref !== input.subjectRef) {
      throw refuse(ErrorCode.SESSION_INVALID, 'The login session is not a valid session of this applicant.');
    }
    if (row.ended_at !== null || new Date(row.expires_at).getTime() <= Date.now()) {
      throw refuse(ErrorCode.SESSION_INVALID, 'The login session has ended or expired; log in again.');
    }
    if (!meetsLoa(row.loa, input.requiredLoa)) {
      throw refuse(ErrorCode.LOA_TOO_LOW, `This permit service requires the level of assurance "${input.requiredLoa}"; the login has "${row.loa}".`);
    }
    return { loa: row.loa };
  };
}
