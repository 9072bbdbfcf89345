import { ErrorCode } from '../../workflows/error-codes';

/** Error codes the applicant's case routes name in the OpenAPI document, shared by their routers. */
// Every case route checks the login's level of assurance against the service's (cases.ts applicantCase).
export const readErrors = [ErrorCode.NOT_FOUND, ErrorCode.LOA_TOO_LOW];
export const transitionErrors = [...readErrors, ErrorCode.TRANSITION_NOT_ALLOWED];
// Acts on behalf of someone else are checked with Suomi.fi e-Authorizations first (api/acting-for).
export const mandateErrors = [ErrorCode.NO_MANDATE, ErrorCode.MANDATE_SELECTION_REQUIRED, ErrorCode.DEPENDENCY_UNAVAILABLE];
