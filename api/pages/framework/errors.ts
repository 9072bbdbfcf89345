import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../../../infra/errors';
import type { Logger } from '../../../infra/logger';
import { ErrorCode } from '../../../workflows/error-codes';
import { HTTP_STATUS, toAppError } from '../../errors';
import { errorMessage } from './forms';
import { loginHref } from './login';
import { createPageContext, type RendererDeps } from './render';

/**
 * The pages' error handler: not logged in → to the login and back; anything else → an error page in the
 * page's language with the status of the code (api/errors.ts HTTP_STATUS, the one mapping) and the request id.
 */
export function pageErrorHandler(deps: RendererDeps, logger: Logger): ErrorRequestHandler {
  return async (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const appError = toAppError(err);
    const status = HTTP_STATUS[appError.code] ?? 500;
    const ctx = createPageContext(deps, req, res);
    if (appError.code === ErrorCode.NOT_AUTHENTICATED) return ctx.redirect(loginHref(req, ctx.language));
    if (status >= 500) logger.error({ event: 'page_failed', requestId: req.id, code: appError.code, err }, 'page failed');
    try {
      await ctx.render('error.njk', { status, code: appError.code, message: errorMessage(ctx.t, appError), requestId: String(req.id) }, status);
    } catch (renderErr) {
      next(renderErr);
    }
  };
}

/** A browser asking for a page that does not exist gets the 404 page; API clients get the JSON 404 after this. */
export const pageNotFound: RequestHandler = (req, _res, next) => {
  const wantsPage = req.method === 'GET' && !req.path.startsWith('/api/') && req.accepts(['json', 'html']) === 'html';
  next(wantsPage ? new AppError(ErrorCode.NOT_FOUND, 'There is no such page.') : undefined);
};
