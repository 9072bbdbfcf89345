import { AppError } from '../../infra/errors';
import { logger } from '../../infra/logger';
import { ErrorCode } from '../../workflows/error-codes';
import type { IdpName } from './settings';

/**
 * A refused login or logout message: AppError(LOGIN_REFUSED) with a plain sentence naming the check
 * that failed. Logged without personal data (reasons never quote attribute values).
 */
export function refuse(idp: IdpName, reason: string, stage: 'login' | 'logout' = 'login'): AppError {
  logger.warn({ event: stage === 'login' ? 'saml_login_refused' : 'saml_logout_refused', idp, reason });
  const service = idp === 'suomifi' ? 'Suomi.fi' : 'Virtu';
  const what = stage === 'login' ? 'The login was refused' : 'The logout message was refused';
  return new AppError(ErrorCode.LOGIN_REFUSED, `${what}: ${reason}. Start again from the ${service} login.`, { reason });
}
