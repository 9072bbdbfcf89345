import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../../infra/errors';
import { ErrorCode } from '../../workflows/error-codes';
import type { Permission, Session } from './types';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sessionOf(req: Request): Session {
  if (!req.session) throw new AppError(ErrorCode.NOT_AUTHENTICATED, 'Please log in first.');
  return req.session;
}

/** Lets through applicants logged in with Suomi.fi; 401 without a session, 403 for officials. */
export const requireApplicant: RequestHandler = (req, _res, next) => {
  if (sessionOf(req).kind !== 'applicant') throw new AppError(ErrorCode.FORBIDDEN, 'This is for applicants only.');
  next();
};

/** Lets through officials with an authority (and `permission`, when given). */
export function requireOfficial(permission?: Permission): RequestHandler {
  return (req, _res, next) => {
    const session = sessionOf(req);
    if (session.kind !== 'official' || !session.authorityId) {
      throw new AppError(ErrorCode.FORBIDDEN, 'This is for officials only.');
    }
    if (permission && !session.permissions.includes(permission)) {
      throw new AppError(ErrorCode.FORBIDDEN, 'You do not have the permission this needs.', { permission });
    }
    next();
  };
}

/** Lets through officials with the `operator` permission. */
export const requireOperator: RequestHandler = (req, _res, next) => {
  const session = sessionOf(req);
  if (session.kind !== 'official' || !session.permissions.includes('operator')) {
    throw new AppError(ErrorCode.FORBIDDEN, 'This is for operators only.');
  }
  next();
};

/** Lets through any logged-in person. */
export const requireSession: RequestHandler = (req, _res, next) => {
  sessionOf(req);
  next();
};

/**
 * State-changing requests that carry a session must echo its CSRF token in `X-CSRF-Token`
 * (compared in constant time); a cross-site form cannot read the token, so it cannot forge the request.
 */
export const requireCsrf: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || !req.session) return next();
  const sent = req.get('x-csrf-token');
  if (!sent || !sameSecret(sent, req.session.csrfToken)) {
    throw new AppError(ErrorCode.CSRF_REJECTED, 'The request lacks a valid X-CSRF-Token header; reload and try again.');
  }
  next();
};

/** Compares two secrets in constant time (the pages' form CSRF check uses it too). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
