import type { RequestHandler } from 'express';
import { AppError } from '../../../infra/errors';
import { ErrorCode } from '../../../workflows/error-codes';
import { sameSecret } from '../../session/guards';

/** The hidden form field that carries the session's CSRF token (forms cannot send the API's X-CSRF-Token header). */
export const CSRF_FIELD = '_csrf';

/**
 * A page form's POST must carry the session's token in `_csrf` (compared in constant time): a cross-site
 * form cannot read it. Without a session there is nothing to forge; the page's own guard asks to log in.
 * Multipart forms are checked by their handler once the field has been read (api/pages/framework/multipart.ts);
 * a page that takes no file refuses them (page.ts).
 */
export const requireFormCsrf: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || !req.session || req.is('multipart/form-data')) return next();
  checkFormCsrf(req.session.csrfToken, (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD]);
  next();
};

/** Throws CSRF_REJECTED unless `sent` is the session's token. */
export function checkFormCsrf(expected: string, sent: unknown): void {
  if (typeof sent !== 'string' || !sameSecret(sent, expected)) {
    throw new AppError(ErrorCode.CSRF_REJECTED, 'The form is out of date; reload the page and try again.');
  }
}
