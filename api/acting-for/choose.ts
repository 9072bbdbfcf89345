import type { Knex } from 'knex';
import { AppError } from '../../infra/errors';
import { isValidBusinessId, isValidHetu } from '../../infra/identifiers';
import type { Logger } from '../../infra/logger';
import { ValtuudetError, type ValtuudetDeps } from '../../activities/valtuudet';
import type { ValtuudetMode } from '../../activities/valtuudet/client';
import { ErrorCode } from '../../workflows/error-codes';
import type { Session } from '../session/types';

export interface ActingForDeps {
  valtuudet: ValtuudetDeps | undefined;
  db: Knex;
  publicBaseUrl: string;
  logger: Logger;
}

export const CALLBACK_PATH = '/auth/valtuudet/callback';
const MODE: Record<'person' | 'organisation', ValtuudetMode> = { person: 'hpa', organisation: 'ypa' };

/** The e-Authorizations dependencies, or 503 when acting for others is not configured. */
export function configured(deps: ActingForDeps): ValtuudetDeps {
  if (!deps.valtuudet) throw new AppError(ErrorCode.DEPENDENCY_UNAVAILABLE, 'Acting for others is not available: Suomi.fi e-Authorizations is not configured.');
  return deps.valtuudet;
}

/** Transport failures of the service as the API's one error format; other errors pass. */
function unreachable(err: unknown): never {
  if (err instanceof ValtuudetError && err.kind === 'unavailable') {
    throw new AppError(ErrorCode.DEPENDENCY_UNAVAILABLE, 'Suomi.fi e-Authorizations is not reachable right now. Please try again shortly.');
  }
  throw err;
}

/**
 * Step 1 of the browser flow, started by the applicant in the platform (never straight from login):
 * registers a Web API session for the logged-in person and returns where to send the browser.
 */
export async function beginChoice(deps: ActingForDeps, session: Session, o: { kind: 'person' | 'organisation'; returnTo: string }): Promise<string> {
  const v = configured(deps);
  const row = await deps.db('sessions').select('identity_code_enc').where({ id: session.id }).first();
  if (!row?.identity_code_enc) throw new AppError(ErrorCode.SESSION_INVALID, 'Your login does not carry an identity code; please log in again with Suomi.fi.');
  const registered = await v.client.register(MODE[o.kind], v.pii.decrypt(row.identity_code_enc)).catch(unreachable);
  const state = await v.selections.begin({ sessionId: session.id, kind: o.kind, valtuudetSessionId: registered.sessionId, returnTo: o.returnTo });
  return v.client.authorizeUrl({ userId: registered.userId, redirectUri: callbackUrl(deps), state, lang: session.language });
}

export const callbackUrl = (deps: ActingForDeps) => `${deps.publicBaseUrl.replace(/\/$/, '')}${CALLBACK_PATH}`;

/** How the return from the selection UI ended, told to the page the applicant came from. */
export type ChoiceOutcome = 'chosen' | 'cancelled' | 'expired' | 'refused' | 'unavailable';

/**
 * Steps 3–4: the code for a token (once; never retried), then the principal picked ([0]), which
 * becomes this login's choice. Browser back or refresh (used state or code) ends gently as `expired`;
 * a service that fails after the choice (down, or refusing the token or the roles call) ends as
 * `unavailable`: the browser still goes back to its page, and the choice is made again later.
 */
export async function completeChoice(
  deps: ActingForDeps, session: Session, q: { code?: string; state?: string; error?: string },
): Promise<{ outcome: ChoiceOutcome; returnTo: string }> {
  const v = configured(deps);
  const pending = q.state ? await v.selections.take(q.state, session.id) : undefined;
  if (!pending) return { outcome: (await v.selections.current(session.id)) ? 'chosen' : 'expired', returnTo: '/' };
  const { returnTo, kind, valtuudetSessionId } = pending;
  const endSession = () => v.client.unregister(MODE[kind], valtuudetSessionId).catch((err) => {
    deps.logger.warn({ event: 'valtuudet_unregister_failed', err_kind: (err as ValtuudetError).kind }, 'could not end an e-Authorizations session');
  });
  if (q.error || !q.code) {
    await endSession();
    return { outcome: 'cancelled', returnTo };
  }
  try {
    const token = await v.client.exchangeCode(q.code, callbackUrl(deps));
    const tokenExpiresAt = new Date(Date.now() + token.expiresIn * 1000);
    const selection = kind === 'organisation'
      ? await pickOrganisation(v, valtuudetSessionId, token.accessToken)
      : await pickPerson(v, valtuudetSessionId, token.accessToken);
    if (!selection) {
      await endSession();
      return { outcome: 'refused', returnTo };
    }
    const previous = await v.selections.save(session.id, { ...selection, valtuudetSessionId, accessToken: token.accessToken, tokenExpiresAt });
    if (previous) await v.client.unregister(MODE[previous.kind], previous.valtuudetSessionId).catch(() => undefined);
    return { outcome: 'chosen', returnTo };
  } catch (err) {
    if (!(err instanceof ValtuudetError)) throw err;
    if (err.kind === 'invalid_grant' || err.kind === 'session_expired') return { outcome: 'expired', returnTo };
    deps.logger.warn({ event: 'valtuudet_choice_failed', err_kind: err.kind, status: err.status }, 'e-Authorizations failed after the choice');
    await endSession();
    return { outcome: 'unavailable', returnTo };
  }
}

async function pickOrganisation(v: ValtuudetDeps, sessionId: string, accessToken: string) {
  const [org] = await v.client.organizationRoles(sessionId, accessToken);
  if (!org || !isValidBusinessId(org.identifier)) return undefined;
  return { principal: { kind: 'organisation' as const, businessId: org.identifier, name: org.name }, roles: org.roles, complete: org.complete };
}

async function pickPerson(v: ValtuudetDeps, sessionId: string, accessToken: string) {
  const [person] = await v.client.delegate(sessionId, accessToken);
  if (!person || !isValidHetu(person.personId)) return undefined;
  return { principal: { kind: 'person' as const, hetu: person.personId, name: person.name }, roles: [], complete: true };
}

/** Back to acting for oneself: forgets the choice and ends its Web API session. */
export async function endChoice(deps: ActingForDeps, session: Session): Promise<void> {
  const v = configured(deps);
  const ended = await v.selections.clear(session.id);
  if (ended) await v.client.unregister(MODE[ended.kind], ended.valtuudetSessionId).catch(() => undefined);
}
