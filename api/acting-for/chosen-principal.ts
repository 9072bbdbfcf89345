import { AppError } from '../../infra/errors';
import { isValidBusinessId, isValidHetu } from '../../infra/identifiers';
import type { SelectionStore } from '../../activities/valtuudet';
import { ErrorCode } from '../../workflows/error-codes';
import type { Principal } from '../../workflows/application/messages';
import type { Session } from '../session/types';

export type PrincipalRef = { kind: 'person'; identityCode: string } | { kind: 'organisation'; businessId: string };

/**
 * The principal an application is started for: well-formed (400 naming the field), and the one this
 * login chose through Suomi.fi e-Authorizations, still fresh (else 422 saying to choose it first).
 * A person is returned by the keyed hash of the identity code, never the code itself.
 */
export async function chosenPrincipal(selections: SelectionStore | undefined, session: Session, ref: PrincipalRef): Promise<Principal> {
  if (ref.kind === 'person' && !isValidHetu(ref.identityCode)) {
    throw new AppError(ErrorCode.INVALID_IDENTITY_CODE, 'The identity code is not a valid Finnish personal identity code.', {
      fields: [{ path: 'principal.identityCode', message: 'Invalid identity code.' }],
    });
  }
  if (ref.kind === 'organisation' && !isValidBusinessId(ref.businessId)) {
    throw new AppError(ErrorCode.INVALID_BUSINESS_ID, 'The business id is not a valid Finnish business id (Y-tunnus).', {
      fields: [{ path: 'principal.businessId', message: 'Invalid business id.' }],
    });
  }
  if (!selections) throw new AppError(ErrorCode.DEPENDENCY_UNAVAILABLE, 'Acting for others is not available: Suomi.fi e-Authorizations is not configured.');
  const chosen = await selections.chosen(session.id, ref);
  const whom = ref.kind === 'organisation' ? 'the organisation' : 'the person';
  if (!chosen || Date.parse(chosen.tokenExpiresAt) <= Date.now()) {
    throw new AppError(ErrorCode.MANDATE_SELECTION_REQUIRED,
      `Choose ${whom} you act for through Suomi.fi e-Authorizations first (POST /api/v1/acting-for), then start the application.`,
      { fields: [{ path: 'principal', message: chosen ? 'Your choice has expired; choose again.' : 'Not chosen in this login.' }] });
  }
  return chosen.principal;
}
