import type { RequestHandler } from 'express';
import { AppError } from '../../../infra/errors';
import { ErrorCode } from '../../../workflows/error-codes';
import type { Session } from '../../session/types';
import type { PageContext } from './render';

/** A page route: the handler gets the request's PageContext (set by the pages router for every request). */
export function page(handler: (ctx: PageContext) => Promise<void>): RequestHandler {
  return async (_req, res) => handler(res.locals.page as PageContext);
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
