/**
 * Synchronous checks of every update: who may act, in which status, with what input. They run as
 * update validators (a rejected update never enters history) and again inside the handler, because
 * an earlier queued update may have changed the state in between.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { ErrorCode } from '../error-codes';
import type {
  AcknowledgeInput, Actor, ApplicationStatus, AuthorityStatusInput, DecideInput, RequestSupplementInput, SaveDraftInput,
  SubmitInput, SupplementInput, WithdrawInput,
} from './messages';
import { meetsLoa, TEXT_LIMITS, WITHDRAWABLE } from './messages';
import type { CaseState } from './state';
import { openRequest } from './state';

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
