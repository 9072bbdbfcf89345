/**
 * Workflow-side decisions about mandates (Suomi.fi e-Authorizations): what an answer of the service
 * means under the permit service's rule, and the evidence the case keeps. Pure, deterministic code;
 * the checkMandate activity (activities/valtuudet/check-mandate.ts) only fetches the answer.
 */
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { ErrorCode } from '../error-codes';
import { mandates } from './activities';
import type { Principal, RepresentationRule } from './messages';

/** The legal act a mandate is checked for. */
export type MandatedAct = 'start' | 'submit' | 'supplement' | 'withdraw' | 'consent';

export interface MandateCheckInput {
  /** sessions.id of the login whose e-Authorizations choice is used. */
  sessionRef: string;
  /** The applicant's keyed-hash ref, which that login's subject must match. */
  applicantRef: string;
  principal: Principal;
  rule: RepresentationRule;
}

/** What the service answered, as fetched: no verdict yet, never an identity code. */
export interface MandateAnswer {
  /** Which interface answered: Web API organizationRoles (YPA) or the Authorization REST API (HPA). */
  api: 'ypa/organizationRoles' | 'rest/hpa/authorization';
  /** YPA: register roles and issue URIs of the delegate in the organisation. */
  roles: string[];
  /** YPA: false when the register lookup was incomplete. */
  complete: boolean;
  /** HPA: the service's result for the first issue URI it allowed (or the last one asked). */
  result: 'ALLOWED' | 'DISALLOWED' | null;
  issue: string | null;
  reasons: unknown[];
  checkedAt: string;
}

/** NOT_ACCEPTED: the service's rule accepts no mandate for this kind of principal, so the service was not asked. */
export interface MandateVerdict { allowed: boolean; outcome: 'ALLOWED' | 'DISALLOWED' | 'INCOMPLETE' | 'SELECTION_REQUIRED' | 'NOT_ACCEPTED'; message: string }

/** The verdict on one act and the event that records it (MANDATE_CHECKED or MANDATE_REFUSED). */
export interface MandateCheck { verdict: MandateVerdict; event: 'MANDATE_CHECKED' | 'MANDATE_REFUSED'; data: Record<string, unknown> }

/**
 * Runs the checkMandate activity for `act` and judges its answer. Waits as long as the service is
 * unreachable (the activity retries); a choice that is gone is a refusal (SELECTION_REQUIRED).
 */
export async function checkMandate(act: MandatedAct, input: MandateCheckInput): Promise<MandateCheck> {
  const { principal, rule } = input;
  // A person's mandate is always for an issue (REST API `issue`); a service naming none takes no one acting for a person.
  if (principal.kind === 'person' && rule.issueUris.length === 0) {
    const verdict: MandateVerdict = {
      allowed: false, outcome: 'NOT_ACCEPTED',
      message: `This service does not take applications on another person's behalf, so you cannot act for ${principal.name} in it.`,
    };
    return { verdict, event: 'MANDATE_REFUSED', data: { basis: 'service-rule', act, principal: principalRef(principal), result: verdict.outcome } };
  }
  try {
    const answer = await mandates.checkMandate(input);
    const verdict = judgeMandate(principal, rule, answer);
    return { verdict, event: verdict.allowed ? 'MANDATE_CHECKED' : 'MANDATE_REFUSED', data: mandateEvidence(act, principal, answer, verdict) };
  } catch (err) {
    const refused = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : undefined;
    if (refused?.type !== ErrorCode.MANDATE_SELECTION_REQUIRED) throw err;
    const verdict: MandateVerdict = { allowed: false, outcome: 'SELECTION_REQUIRED', message: selectionRequiredMessage(principal) };
    return { verdict, event: 'MANDATE_REFUSED', data: { basis: 'e-authorizations', act, principal: principalRef(principal), result: verdict.outcome } };
  }
}

/** The ErrorCode an act refused for `verdict` fails with. */
export const refusalCode = (verdict: MandateVerdict) => (verdict.outcome === 'SELECTION_REQUIRED' ? ErrorCode.MANDATE_SELECTION_REQUIRED : ErrorCode.NO_MANDATE);

/** Whether `answer` entitles the applicant to act for `principal` under `rule`. */
export function judgeMandate(principal: Principal, rule: RepresentationRule, answer: MandateAnswer): MandateVerdict {
  if (principal.kind === 'person') {
    return answer.result === 'ALLOWED'
      ? { allowed: true, outcome: 'ALLOWED', message: '' }
      : { allowed: false, outcome: 'DISALLOWED', message: `Suomi.fi e-Authorizations shows no mandate for you to act for ${principal.name} in this service.` };
  }
  // An incomplete register answer may lack or keep stale roles: never taken as a yes.
  if (!answer.complete) {
    return { allowed: false, outcome: 'INCOMPLETE', message: `Suomi.fi e-Authorizations could not confirm your roles in ${principal.name} just now (the trade register answered only in part). Please try again later.` };
  }
  return entitledBy(rule, answer.roles)
    ? { allowed: true, outcome: 'ALLOWED', message: '' }
    : { allowed: false, outcome: 'DISALLOWED', message: `According to Suomi.fi e-Authorizations you may not act for ${principal.name} in this service: it needs one of the roles ${rule.organisationRoles.join(', ') || '(none)'} or a mandate for it.` };
}

/** Whether roles e-Authorizations gave in an organisation (register role codes and issue URIs mixed) meet the service's rule. */
export function entitledBy(rule: RepresentationRule, roles: string[]): boolean {
  return roles.some((role) => rule.organisationRoles.includes(role) || rule.issueUris.includes(role));
}

/** The evidence of one check for the case event log: the principal by business id or identity-code hash only. */
export function mandateEvidence(act: MandatedAct, principal: Principal, answer: MandateAnswer, verdict: MandateVerdict): Record<string, unknown> {
  return {
    basis: 'e-authorizations', act, principal: principalRef(principal), result: verdict.outcome, api: answer.api, roles: answer.roles,
    complete: answer.complete, issue: answer.issue, reasons: answer.reasons, checkedAt: answer.checkedAt,
  };
}

/** The message when the choice made in e-Authorizations is gone (login ended, its session expired). */
export function selectionRequiredMessage(principal: Principal): string {
  return `Your Suomi.fi e-Authorizations choice has expired or was made in another login. Choose ${principal.name} again (acting for others), then retry.`;
}

/** The principal as evidence names it: business id or identity-code hash, never the identity code. */
function principalRef(principal: Principal): Record<string, string> {
  return principal.kind === 'organisation'
    ? { kind: 'organisation', businessId: principal.businessId, name: principal.name }
    : { kind: 'person', identityCodeHash: principal.identityCodeHash, name: principal.name };
}
