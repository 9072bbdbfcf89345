import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isGrpcServiceError, ServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { ZodError } from 'zod';
import { AppError, isAppError, type FieldProblem } from '../infra/errors';
import { ErrorCode } from '../workflows/error-codes';
import type { Logger } from '../infra/logger';
import { isDatabaseUnavailable } from './database-unavailable';

/** HTTP status of each error code: the one place where codes meet HTTP. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  INVALID_IDENTITY_CODE: 400,
  INVALID_BUSINESS_ID: 400,
  FORM_REJECTED: 400,
  NOT_AUTHENTICATED: 401,
  LOGIN_REFUSED: 401,
  CSRF_REJECTED: 403,
  FORBIDDEN: 403,
  LOA_TOO_LOW: 403,
  SESSION_INVALID: 403,
  NO_MANDATE: 403,
  NOT_FOUND: 404,
  TRANSITION_NOT_ALLOWED: 409,
  STALE_VERSION: 409,
  ALREADY_EXISTS: 409,
  PAYLOAD_TOO_LARGE: 413,
  REQUEST_HEADERS_TOO_LARGE: 431,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ATTACHMENT_TOO_LARGE: 413,
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  SERVICE_UNAVAILABLE_FOR_APPLICATIONS: 422,
  MANDATE_CHECK_UNAVAILABLE: 422,
  MANDATE_SELECTION_REQUIRED: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  ATTACHMENTS_MISSING: 422,
  PTV_SERVICE_UNKNOWN: 422,
  PTV_SERVICE_NOT_PUBLISHED: 422,
  DEPENDENCY_UNAVAILABLE: 503,
  EXCHANGE_REFUSED: 502,
  PTV_REQUEST_REFUSED: 502,
  NOTIFICATION_REFUSED: 502,
  PTV_SYNC_FAILED: 503,
  INTERNAL: 500,
};

/** The body of every 4xx/5xx answer. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string; details?: Record<string, unknown> };
}

const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/** Translates anything thrown by a handler into an AppError; unknown errors become INTERNAL. */
export function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  if (err instanceof ZodError) {
    return new AppError(ErrorCode.VALIDATION_FAILED, 'The request is not valid.', { fields: zodFields(err) });
  }
  const httpError = fromHttpError(err);
  if (httpError) return httpError;
  if (isDatabaseUnavailable(err)) return new AppError(ErrorCode.DEPENDENCY_UNAVAILABLE, 'A service the platform needs is not reachable right now. Please try again shortly.');
  return fromTemporal(err) ?? new AppError(ErrorCode.INTERNAL, 'An unexpected error occurred');
}

/** Each zod issue as a field problem named by its dotted path (`form.area`); unknown keys are named one by one. */
export function zodFields(err: ZodError, prefix?: string): FieldProblem[] {
  const name = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter(Boolean).join('.') || '(root)';
  return err.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: name([...issue.path, key]), message: 'Unknown field.' }))
      : [{ path: name(issue.path), message: issue.message }],
  );
}

/** Refusals of Express and body-parser (http-errors style: a 4xx `status`), by what they refused. */
function fromHttpError(err: unknown): AppError | null {
  const { type, status, expose } = (err ?? {}) as { type?: unknown; status?: unknown; expose?: unknown };
  if (type === 'entity.parse.failed') return new AppError(ErrorCode.MALFORMED_JSON, 'The request body is not valid JSON.');
  // The router cannot percent-decode a path parameter (`/applications/%E0%A4%A`): a URIError with status 400, not exposed.
  if (err instanceof URIError && status === 400) return new AppError(ErrorCode.VALIDATION_FAILED, 'The request path is not valid.');
  if (expose !== true || typeof status !== 'number' || status < 400 || status >= 500) return null;
  if (status === 413) return new AppError(ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large.');
  if (status === 415) return new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'The request body encoding is not supported.');
  // Any other body-parser refusal (charset, parameter count, aborted upload), or another exposed 4xx.
  return new AppError(ErrorCode.VALIDATION_FAILED, typeof type === 'string' ? 'The request body could not be read.' : 'The request is not valid.');
}

function fromTemporal(err: unknown): AppError | null {
  if (err instanceof WorkflowUpdateFailedError) return fromTemporal(err.cause);
  if (err instanceof ApplicationFailure) return fromFailure(err);
  if (err instanceof WorkflowNotFoundError) return new AppError(ErrorCode.NOT_FOUND, 'No such application.');
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    return new AppError(ErrorCode.ALREADY_EXISTS, 'An application with this id already exists.');
  }
  if (isTemporalUnavailable(err)) {
    return new AppError(ErrorCode.DEPENDENCY_UNAVAILABLE, 'The case engine is not reachable right now. Please try again shortly.');
  }
  return null;
}

/** An ApplicationFailure whose `type` is one of our codes carries a message written for people. */
function fromFailure(failure: ApplicationFailure): AppError | null {
  const code = failure.type as ErrorCode | undefined;
  if (!code || !(code in HTTP_STATUS) || code === ErrorCode.INTERNAL) return null;
  const first = failure.details?.[0];
  const details = first && typeof first === 'object' && !Array.isArray(first) ? (first as Record<string, unknown>) : {};
  return new AppError(code, failure.message, details);
}

function isTemporalUnavailable(err: unknown): boolean {
  const grpc = err instanceof ServiceError ? err.cause : err;
  return isGrpcServiceError(grpc) && (grpc.code === GRPC_UNAVAILABLE || grpc.code === GRPC_DEADLINE_EXCEEDED);
}

/** `err` in the one error format. */
export function errorBody(requestId: string, err: AppError): ErrorBody {
  const body: ErrorBody = { error: { code: err.code, message: err.message, requestId } };
  if (err.details && Object.keys(err.details).length > 0) body.error.details = err.details;
  return body;
}

/** Sends `err` in the one error format. */
function sendError(res: Parameters<RequestHandler>[1], requestId: string, err: AppError): void {
  res.status(HTTP_STATUS[err.code] ?? 500).json(errorBody(requestId, err));
}

/** The last middleware: maps errors to HTTP, logs unexpected ones with the request id, never leaks internals. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const appError = toAppError(err);
    const status = HTTP_STATUS[appError.code];
    if (status >= 500) {
      logger.error({ event: 'request_failed', requestId: req.id, code: appError.code, err }, 'request failed');
    }
    sendError(res, String(req.id), appError);
  };
}

/** 404 for any path no route matched. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError(ErrorCode.NOT_FOUND, `There is no ${req.method} ${req.path}.`));
};
