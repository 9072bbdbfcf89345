import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import type { PiiCrypto } from '../../infra/pii';
import { ErrorCode } from '../../workflows/error-codes';
import { selectionRequiredMessage, type MandateAnswer, type MandateCheckInput } from '../../workflows/application/mandate';
import { ValtuudetError, type ValtuudetClient } from './client';
import type { SelectionStore } from './selections';

export interface CheckMandateDeps { db: Knex; pii: PiiCrypto; client: ValtuudetClient; selections: SelectionStore }

/**
 * Builds `checkMandate`: asks Suomi.fi e-Authorizations, with the login's own choice, what the
 * applicant may do for the principal; the workflow judges the answer (workflows/application/mandate.ts).
 * Only reads, so retrying is safe: network errors, timeouts and 5xx are thrown as retryable. A choice
 * that is gone (no such choice in this login, or its e-Authorizations session expired: 401) cannot be
 * mended by retrying: non-retryable MANDATE_SELECTION_REQUIRED.
 */
export function createCheckMandate(deps: CheckMandateDeps | undefined) {
  return async function checkMandate(input: MandateCheckInput): Promise<MandateAnswer> {
    // A worker started without e-Authorizations credentials: the case waits (visible to operators) until one has them.
    if (!deps) throw new Error('Suomi.fi e-Authorizations is not configured on this worker (VALTUUDET_*).');
    const selectionGone = () => ApplicationFailure.create({
      type: ErrorCode.MANDATE_SELECTION_REQUIRED, message: selectionRequiredMessage(input.principal), nonRetryable: true,
    });
    const login = await deps.db('sessions').select('subject_ref', 'identity_code_enc', 'expires_at', 'ended_at').where({ id: input.sessionRef }).first();
    if (!login || login.subject_ref !== input.applicantRef || login.ended_at !== null || new Date(login.expires_at).getTime() <= Date.now()) throw selectionGone();
    const chosen = await deps.selections.secretsFor(input.sessionRef, input.principal);
    if (!chosen) throw selectionGone();
    const checkedAt = new Date().toISOString();
    try {
      if (chosen.kind === 'organisation') {
        const [org] = await deps.client.organizationRoles(chosen.valtuudetSessionId, chosen.accessToken, chosen.businessId!);
        return { api: 'ypa/organizationRoles', roles: org?.roles ?? [], complete: org?.complete ?? true, result: null, issue: null, reasons: [], checkedAt };
      }
      // A person: the server-to-server REST API, one issue URI at a time (its parameter is singular).
      const delegateHetu = deps.pii.decrypt(login.identity_code_enc);
      let last: MandateAnswer = { api: 'rest/hpa/authorization', roles: [], complete: true, result: 'DISALLOWED', issue: null, reasons: [], checkedAt };
      for (const issue of input.rule.issueUris) {
        const a = await deps.client.restAuthorization({ delegateHetu, principalHetu: chosen.principalHetu!, issue, endUserId: input.applicantRef });
        last = { ...last, result: a.result, issue, reasons: a.reasons };
        if (a.result === 'ALLOWED') break;
      }
      return last;
    } catch (err) {
      if (err instanceof ValtuudetError && err.kind === 'session_expired') throw selectionGone();
      throw err;
    }
  };
}
