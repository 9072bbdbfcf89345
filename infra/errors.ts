import type { ErrorCode } from '../workflows/error-codes';

/** A field-level problem in a request, named by its JSON path. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * The one error type the platform throws for expected failures. It carries a stable code
 * (workflows/error-codes) and a message safe to show a user; api/errors maps it to HTTP.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: FieldProblem[]; [key: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** True when `err` is an AppError (also across module copies). */
export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError || (err instanceof Error && err.name === 'AppError' && 'code' in err);
}
