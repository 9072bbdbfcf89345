/**
 * Stable error codes, shared by workflows (as ApplicationFailure types) and the API (which maps
 * each to an HTTP status in one place, api/errors). Never rename a code: clients depend on them.
 */
export const ErrorCode = {
  // 400
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  MALFORMED_JSON: 'MALFORMED_JSON',
  INVALID_IDENTITY_CODE: 'INVALID_IDENTITY_CODE',
  INVALID_BUSINESS_ID: 'INVALID_BUSINESS_ID',
  FORM_REJECTED: 'FORM_REJECTED',
  // 401 / 403
  NOT_AUTHENTICATED: 'NOT_AUTHENTICATED',
  LOGIN_REFUSED: 'LOGIN_REFUSED',
  CSRF_REJECTED: 'CSRF_REJECTED',
  FORBIDDEN: 'FORBIDDEN',
  LOA_TOO_LOW: 'LOA_TOO_LOW',
  SESSION_INVALID: 'SESSION_INVALID',
  /** Suomi.fi e-Authorizations does not let the applicant act for the principal in this service (issue 3). */
  NO_MANDATE: 'NO_MANDATE',
  // 404
  NOT_FOUND: 'NOT_FOUND',
  // 409
  TRANSITION_NOT_ALLOWED: 'TRANSITION_NOT_ALLOWED',
  STALE_VERSION: 'STALE_VERSION',
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  // 413 / 415
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  REQUEST_HEADERS_TOO_LARGE: 'REQUEST_HEADERS_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** An attachment is larger than its service allows (issue 6). */
  ATTACHMENT_TOO_LARGE: 'ATTACHMENT_TOO_LARGE',
  /** An attachment's media type, declared or found in its bytes, is not one its service takes (issue 6). */
  ATTACHMENT_TYPE_NOT_ALLOWED: 'ATTACHMENT_TYPE_NOT_ALLOWED',
  // 422: understood but refused by a rule
  SERVICE_UNAVAILABLE_FOR_APPLICATIONS: 'SERVICE_UNAVAILABLE_FOR_APPLICATIONS',
  /** No longer sent since the mandate check exists (issue 3); kept because codes are stable. */
  MANDATE_CHECK_UNAVAILABLE: 'MANDATE_CHECK_UNAVAILABLE',
  /** The principal must first be chosen (again) in e-Authorizations in this login session (issue 3). */
  MANDATE_SELECTION_REQUIRED: 'MANDATE_SELECTION_REQUIRED',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** A submission lacks an attachment type its service requires; details name the types (issue 6). */
  ATTACHMENTS_MISSING: 'ATTACHMENTS_MISSING',
  /** An administrator named a PTV service that PTV does not know (issue 5). */
  PTV_SERVICE_UNKNOWN: 'PTV_SERVICE_UNKNOWN',
  /** The PTV service exists but is not Published (issue 5). */
  PTV_SERVICE_NOT_PUBLISHED: 'PTV_SERVICE_NOT_PUBLISHED',
  // 502
  /** PTV refused a write of the platform (credentials, validation): retrying will not help (issue 5). */
  PTV_REQUEST_REFUSED: 'PTV_REQUEST_REFUSED',
  /** The mail relay refused a notification for good (e.g. the recipient address); retrying will not help (issue 6). */
  NOTIFICATION_REFUSED: 'NOTIFICATION_REFUSED',
  // 503
  DEPENDENCY_UNAVAILABLE: 'DEPENDENCY_UNAVAILABLE',
  /** X-Road or the authority system refused a message for good (access, unknown service, schema); retrying will not help (issue 4). */
  EXCHANGE_REFUSED: 'EXCHANGE_REFUSED',
  /** A catalogue synchronisation could not read PTV for some organisations (issue 5). */
  PTV_SYNC_FAILED: 'PTV_SYNC_FAILED',
  // 500
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
