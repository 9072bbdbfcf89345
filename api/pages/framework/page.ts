import type { RequestHandler } from 'express';
import { AppError } from '../../../infra/errors';
import { ErrorCode } from '../../../workflows/error-codes';
import type { Session } from '../../session/types';
import type { PageContext } from './render';

/**
 * A page route: the handler gets the request's PageContext (set by the pages router for every request).
 * `files`: the route reads a multipart form itself (receiveFile checks its CSRF token). requireFormCsrf
 * cannot read a multipart body, so any other route refuses one: a forged multipart form would otherwise
 * reach a handler that needs no field (removing a file) without a token.
 */
export function page(handler: (ctx: PageContext) => Promise<void>, opts: { files?: boolean } = {}): RequestHandler {
  return async (req, res) => {
    if (!opts.files && req.session && req.is('multipart/form-data')) {
      throw new AppError(ErrorCode.CSRF_REJECTED, 'The form is out of date; reload the page and try again.');
    }
    return handler(res.locals.page as PageContext);
  };
}

/** The logged-in applicant; not logged in → to the Suomi.fi login and back (the page error handler), an official → 403 page. */
export function applicantOf(ctx: PageContext): Session {
  return sessionOf(ctx, 'applicant');
}

/** The logged-in official; not logged in → to the Virtu login and back, an applicant → 403 page. */
export function officialOf(ctx: PageContext): Session {
  return sessionOf(ctx, 'official');
}

function sessionOf(ctx: PageContext, kind: Session['kind']): Session {
  const session = ctx.session;
  if (!session) throw new AppError(ErrorCode.NOT_AUTHENTICATED, 'Please log in first.');
  if (session.kind !== kind) throw new AppError(ErrorCode.FORBIDDEN, `This page is for ${kind}s only.`);
  return session;
}
