/**
 * The Temporal traffic of one API lifecycle (bench/lifecycle-steps.ts), step by step, for the bare
 * workflow to repeat with empty bodies. Counted from workflows/application/case.ts and api/routers:
 * - open (update-with-start): loadServiceSettings, recordEvent STARTED, verifySession,
 *   recordEvent IDENTITY_VERIFIED, MANDATE_CHECKED, DRAFT_OPENED → 6 activities;
 * - saveDraft: recordEvent → 1; submit: createReceipt + recordEvent SUBMITTED, DELIVERED → 3
 *   (the API queries the status first); acknowledge, requestSupplement, decide: recordEvent → 1 each;
 *   supplement: createReceipt + recordEvent → 2;
 * - every GET of a case or its timeline is a workflow query (api/routers/cases.ts).
 * test/bench/bare-shape.test.ts checks these counts against the real workflow's history.
 */

export type BareStep =
  | { kind: 'updateWithStart' | 'update'; name: string; activities: number }
  | { kind: 'query' };

export const BARE_STEPS: readonly BareStep[] = [
  { kind: 'updateWithStart', name: 'open', activities: 6 },
  { kind: 'update', name: 'saveDraft', activities: 1 },
  { kind: 'query' }, // the API reads the current draft before submitting
  { kind: 'update', name: 'submit', activities: 3 },
  { kind: 'query' }, // the handler opens the case
  { kind: 'update', name: 'acknowledge', activities: 1 },
  { kind: 'update', name: 'requestSupplement', activities: 1 },
  { kind: 'query' }, // the applicant reads the request
  { kind: 'update', name: 'supplement', activities: 2 },
  { kind: 'update', name: 'decide', activities: 1 },
  { kind: 'query' }, // the applicant reads the timeline
];

/** A decided case waits for its appeal period; the bare one waits as long, so both end with a running timer. */
export const BARE_APPEAL_PERIOD = '30 days';

/** The bare workflow's only query. */
export const BARE_QUERY = 'status';
