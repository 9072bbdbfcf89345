import cors from 'cors';
import type { RequestHandler } from 'express';
import { AppError } from '../../infra/errors';
import { ErrorCode } from '../../workflows/error-codes';

/**
 * CORS for the codec endpoint: the Temporal Web UI's origin may call it with the operator's cookie
 * (credentials), preflight included. A request from any other foreign origin is refused outright,
 * so a page elsewhere cannot make an operator's browser decrypt anything.
 */
export function codecCors(uiOrigin: string | null, ownOrigin: string): RequestHandler {
  const allowed = new Set([ownOrigin, ...(uiOrigin ? [uiOrigin] : [])]);
  const policy = cors({
    origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    methods: ['POST'],
    allowedHeaders: ['content-type', 'x-namespace'],
    maxAge: 600,
  });
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin !== undefined && !allowed.has(origin)) {
      throw new AppError(ErrorCode.FORBIDDEN, 'This origin may not use the codec endpoint; set TEMPORAL_UI_ORIGIN to the Temporal Web UI\'s origin.');
    }
    policy(req, res, next);
  };
}
