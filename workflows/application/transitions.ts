/**
 * Synchronous checks of every update: who may act, in which status, with what input. They run as
 * update validators (a rejected update never enters history) and again inside the handler, because
 * an earlier queued update may have changed the state in between.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { ErrorCode } from '../error-codes';
import type {
  AcknowledgeInput, Actor, ApplicationStatus, AuthorityStatusInput, DecideInput, RequestSupplementInput, SaveDraftInput,
  SetConsentInput, SubmitInput, SupplementInput, WithdrawInput, AddAttachmentInput, RemoveAttachmentInput,
} from './messages';
import { meetsLoa, TEXT_LIMITS, WITHDRAWABLE } from './messages';
import type { CaseState } from './state';
import { openRequest } from './state';
import { ATTACHABLE, attachmentSettings, MAX_ATTACHMENTS, missingRequiredTypes } from './attachments';

const OUTCOMES = ['APPROVED', 'REJECTED', 'PARTIALLY_APPROVED'];

/** An ApplicationFailure whose `type` is the ErrorCode the API maps to HTTP. */
export function failure(type: ErrorCode, message: string, fields?: { path: string; message: string }[]): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true, details: fields ? [{ fields }] : undefined });
}

function requireApplicant(state: CaseState, actor: Actor): void {
  if (actor?.kind !== 'applicant' || actor.ref !== state.input.applicant.ref) {
    throw failure(ErrorCode.FORBIDDEN, 'Only the applicant of this case may do this.');
  }
  // The login was checked at the start; a later, weaker login of the same person must not act on the case.
  if (actor.loa !== undefined && state.service && !meetsLoa(actor.loa, state.service.requiredLoa)) {
    throw failure(ErrorCode.LOA_TOO_LOW, 'This service needs a stronger identification than the one you logged in with.');
  }
}

/** The authority's acts: by its officials in portal mode, by its own case system (its X-Road client) in xroad mode. */
function requireOfficial(state: CaseState, actor: Actor): void {
  if (state.service?.handlingMode === 'xroad') {
    if (actor?.kind !== 'authority-system' || actor.ref !== state.service.xroad?.client) {
      throw failure(ErrorCode.FORBIDDEN, "This service is handled in the authority's own case system: only that system may do this, over Suomi.fi-palveluväylä.");
    }
    return;
  }
  if (actor?.kind !== 'official' || !state.service || actor.authorityId !== state.service.authorityId) {
    throw failure(ErrorCode.FORBIDDEN, "Only an official of the case's authority may do this.");
  }
}

function requireStatus(state: CaseState, allowed: readonly ApplicationStatus[], action: string): void {
  if (!allowed.includes(state.status)) {
    const why = state.closeReason ? ` (${state.closeReason.toLowerCase().replace(/_/g, ' ')})` : '';
    throw failure(ErrorCode.TRANSITION_NOT_ALLOWED, `Cannot ${action} a case in status ${state.status}${why}.`);
  }
}

function requireText(value: unknown, path: string, max: number): void {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw failure(ErrorCode.VALIDATION_FAILED, `${path} must be a non-empty text of at most ${max} characters.`, [
      { path, message: `must be non-empty, at most ${max} characters` },
    ]);
  }
}

function requireForm(value: unknown, path: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw failure(ErrorCode.VALIDATION_FAILED, `${path} must be a JSON object.`, [{ path, message: 'must be an object' }]);
  }
}

export function checkSaveDraft(state: CaseState, input: SaveDraftInput): void {
  requireApplicant(state, input.actor);
  requireStatus(state, ['DRAFT'], 'save a draft of');
  requireForm(input.form, 'form');
  if (input.expectedVersion !== undefined && input.expectedVersion !== state.draft.version) {
    throw failure(ErrorCode.STALE_VERSION, `The draft has changed: expected version ${input.expectedVersion}, current version is ${state.draft.version}.`);
  }
}

export function checkSubmit(state: CaseState, input: SubmitInput): void {
  requireApplicant(state, input.actor);
  requireStatus(state, ['DRAFT'], 'submit');
  if (input.draftVersion !== state.draft.version) {
    throw failure(ErrorCode.STALE_VERSION, `The draft has changed: submitted version ${input.draftVersion}, current version is ${state.draft.version}.`);
  }
  const missing = missingRequiredTypes(state);
  if (missing.length > 0) {
    throw ApplicationFailure.create({
      type: ErrorCode.ATTACHMENTS_MISSING, nonRetryable: true, message: `Attach the required files first: ${missing.join(', ')}.`,
      details: [{ missingTypes: missing, fields: missing.map((code) => ({ path: `attachments.${code}`, message: 'a file of this required type is missing' })) }],
    });
  }
}

export function checkSupplement(state: CaseState, input: SupplementInput): void {
  requireApplicant(state, input.actor);
  requireStatus(state, ['SUPPLEMENT_REQUESTED'], 'supplement');
  if (openRequest(state)?.requestId !== input.requestId) {
    throw failure(ErrorCode.VALIDATION_FAILED, 'requestId does not name the open supplement request.', [
      { path: 'requestId', message: 'unknown or already answered supplement request' },
    ]);
  }
  requireText(input.message, 'message', TEXT_LIMITS.message);
  if (input.form !== undefined) requireForm(input.form, 'form');
}

export function checkWithdraw(state: CaseState, input: WithdrawInput): void {
  requireApplicant(state, input.actor);
  requireStatus(state, WITHDRAWABLE, 'withdraw');
  if (input.reason !== undefined) requireText(input.reason, 'reason', TEXT_LIMITS.withdrawalReason);
}

export function checkAcknowledge(state: CaseState, input: AcknowledgeInput): void {
  requireOfficial(state, input.actor);
  // xroad mode: the acknowledgement may overtake the send's own result, while the case still shows SUBMITTED.
  requireStatus(state, state.service?.handlingMode === 'xroad' ? ['SUBMITTED', 'DELIVERED'] : ['DELIVERED'], 'acknowledge');
  requireText(input.caseNumber, 'caseNumber', TEXT_LIMITS.caseNumber);
}

export function checkRequestSupplement(state: CaseState, input: RequestSupplementInput, now: number): void {
  requireOfficial(state, input.actor);
  // Only an acknowledged case: one asked before it has a case number could never be acknowledged.
  if (state.status === 'DELIVERED') {
    throw failure(ErrorCode.TRANSITION_NOT_ALLOWED, 'Cannot request a supplement to a case in status DELIVERED: acknowledge it with a case number first.');
  }
  requireStatus(state, ['IN_HANDLING'], 'request a supplement to');
  requireText(input.message, 'message', TEXT_LIMITS.message);
  if (input.deadline !== undefined) {
    const at = Date.parse(input.deadline);
    if (Number.isNaN(at) || at <= now) {
      throw failure(ErrorCode.VALIDATION_FAILED, 'deadline must be a date and time in the future.', [
        { path: 'deadline', message: 'must be an ISO 8601 date-time in the future' },
      ]);
    }
  }
}

export function checkDecide(state: CaseState, input: DecideInput): void {
  requireOfficial(state, input.actor);
  requireStatus(state, ['IN_HANDLING'], 'decide');
  if (!OUTCOMES.includes(input.outcome)) {
    throw failure(ErrorCode.VALIDATION_FAILED, `outcome must be one of ${OUTCOMES.join(', ')}.`, [
      { path: 'outcome', message: `must be one of ${OUTCOMES.join(', ')}` },
    ]);
  }
  requireText(input.text, 'text', TEXT_LIMITS.decisionText);
}

/** xroad mode: a status report of the authority system, while the case is in its hands. */
export function checkAuthorityStatus(state: CaseState, input: AuthorityStatusInput): void {
  requireOfficial(state, input.actor);
  requireStatus(state, ['DELIVERED', 'IN_HANDLING', 'SUPPLEMENT_REQUESTED'], 'report a status of');
  requireText(input.status, 'status', TEXT_LIMITS.caseNumber);
  requireText(input.text, 'text', TEXT_LIMITS.withdrawalReason);
}

/** Consent to the authority seeing the draft: the applicant's, and only while it is a draft (afterwards it sees the submission). */
export function checkSetConsent(state: CaseState, input: SetConsentInput): void {
  requireApplicant(state, input.actor);
  requireStatus(state, ['DRAFT'], 'change the consent of');
  if (typeof input.given !== 'boolean') {
    throw failure(ErrorCode.VALIDATION_FAILED, 'given must be true or false.', [{ path: 'given', message: 'must be a boolean' }]);
  }
}

/** A file the API has stored for the case: the applicant's, while attachable, of a type and size the case's service takes. */
export function checkAddAttachment(state: CaseState, input: AddAttachmentInput): void {
  requireApplicant(state, input.actor);
  requireStatus(state, ATTACHABLE, 'attach a file to');
  const settings = attachmentSettings(state.service);
  const a = input.attachment;
  if (!settings.types.some((t) => t.code === a?.type)) {
    throw failure(ErrorCode.VALIDATION_FAILED, 'The service has no such attachment type.', [{ path: 'type', message: 'unknown attachment type' }]);
  }
  if (!settings.allowedMediaTypes.includes(a.mediaType)) {
    throw failure(ErrorCode.ATTACHMENT_TYPE_NOT_ALLOWED, `The service does not take files of type ${a.mediaType}.`, [{ path: 'mediaType', message: 'not allowed' }]);
  }
  if (!Number.isInteger(a.size) || a.size < 0 || a.size > settings.maxFileBytes) {
    throw failure(ErrorCode.ATTACHMENT_TOO_LARGE, `The file is larger than the ${settings.maxFileBytes} bytes the service takes.`, [{ path: 'size', message: 'too large' }]);
  }
  requireText(a.filename, 'filename', 200);
  if (typeof a.id !== 'string' || !/^[0-9a-f]{64}$/.test(a.sha256)) {
    throw failure(ErrorCode.VALIDATION_FAILED, 'The attachment needs an id and a SHA-256.', [{ path: 'sha256', message: 'must be 64 hex digits' }]);
  }
  if (state.attachments.some((x) => x.id === a.id)) throw failure(ErrorCode.ALREADY_EXISTS, 'The file is attached already.');
  if (state.attachments.length >= MAX_ATTACHMENTS) {
    throw failure(ErrorCode.VALIDATION_FAILED, `A case takes at most ${MAX_ATTACHMENTS} files.`, [{ path: 'attachments', message: 'too many files' }]);
  }
}

/** Taking a file out: only one not yet sealed by the submission or a supplement answer (the authority may have it). */
export function checkRemoveAttachment(state: CaseState, input: RemoveAttachmentInput): void {
  requireApplicant(state, input.actor);
  requireStatus(state, ATTACHABLE, 'remove a file from');
  if (!state.attachments.some((a) => a.id === input.attachmentId)) throw failure(ErrorCode.NOT_FOUND, 'The case has no such file.');
  if (state.sealedAttachmentIds.includes(input.attachmentId)) {
    throw failure(ErrorCode.TRANSITION_NOT_ALLOWED, 'This file was submitted with the application and stays part of it.');
  }
}
