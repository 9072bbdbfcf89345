/**
 * The contract of an authority's onboarding: the workflow id and type, the checklist it keeps, and
 * the messages an administrator sends it. api/ and test/ import this file, never workflow.ts.
 */
import type { Duration } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export const ONBOARDING_WORKFLOW_TYPE = 'authorityOnboarding';

/** One onboarding per authority: the id is the authority's. */
export const onboardingWorkflowId = (authorityId: string) => `onboarding-${authorityId}`;

export type OnboardingCheckId =
  | 'ptv-published'      // (a) described and Published in PTV, names in Finnish and Swedish
  | 'ptv-channel'        // (b) connected to this platform's e-service channel
  | 'virtu-login'        // (c) officials can log in: Virtu home organisation set
  | 'representation'     // (c) the mandate settings: what entitles a representative
  | 'xroad-metadata';    // (d) xroad services: the authority's X-Road service answers listMethods

/** One line of the checklist; `subject` is the platform service id, or null for the authority itself. */
export interface OnboardingCheck {
  check: OnboardingCheckId;
  subject: string | null;
  passed: boolean;
  /** What was found, for a person. */
  finding: string;
  /** What to do about a failed check; null when it passed. */
  whatToDo: string | null;
}

export interface OnboardingChecklist {
  authorityId: string;
  checkedAt: string;
  /** True when every check passed: the onboarding is done. */
  complete: boolean;
  checks: OnboardingCheck[];
}

export interface OnboardingInput {
  authorityId: string;
  /** How long to wait between re-checks while something fails, e.g. `1h`. */
  recheckInterval: Duration;
}

/** The latest checklist; null until the first check has run. */
export const checklistQuery = defineQuery<OnboardingChecklist | null>('checklist');
/** Runs every check now and returns the new checklist. */
export const recheckUpdate = defineUpdate<OnboardingChecklist>('recheck');
/**
 * Creates this platform's e-service channel in PTV if it is missing and connects each of the
 * authority's published services to it (PTV write API), then re-checks.
 */
export const connectChannelUpdate = defineUpdate<OnboardingChecklist>('connectChannel');
