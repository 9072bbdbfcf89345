/**
 * The Temporal traffic of one API lifecycle (bench/lifecycle-steps.ts), step by step, for the bare
 * workflow to repeat with empty bodies. Counted from workflows/application/case.ts and api/routers;
 * each transition writes all its events in one recordEvents call:
 * - open (update-with-start): loadServiceSettings, verifySession, recordEvents (STARTED,
 *   IDENTITY_VERIFIED, MANDATE_CHECKED, DRAFT_OPENED) → 3 activities;
 * - saveDraft: recordEvents → 1; submit: createReceipt + recordEvents (SUBMITTED, DELIVERED) → 2
 *   (the API queries the status first); acknowledge, requestSupplement, decide: recordEvents → 1 each;
 *   supplement: createReceipt + recordEvents → 2;
 * - every GET of a case or its timeline is a workflow query (api/routers/cases.ts);
 * - e-mail notifications (issue 6), one activity each, started by the transition: submit (the authority),
 *   requestSupplement and decide (the applicant) → +1 each.
 * The real lifecycle also upserts search attributes, once per transition that changes one (6 with the
 * attributes the API sets at start: open, submit, acknowledge, requestSupplement, supplement, decide);
 * the bare workflow does not, as they are the lifecycle's own cost. Timers: the real lifecycle starts 2
 * (the draft expiry at open, then the acknowledgement deadline at submission, kept to the end as no later
 * deadline comes before it; checked by test/workflows/history.test.ts), the bare one 1 (its appeal wait).
 * test/bench/bare-shape.test.ts checks the activity and update counts against the real workflow's history.
 */

export type BareStep =
  | { kind: 'updateWithStart' | 'update'; name: string; activities: number }
  | { kind: 'query' };

export const BARE_STEPS: readonly BareStep[] = [
  { kind: 'updateWithStart', name: 'open', activities: 3 },
  { kind: 'update', name: 'saveDraft', activities: 1 },
  { kind: 'query' }, // the API reads the current draft before submitting
  { kind: 'update', name: 'submit', activities: 3 },
  { kind: 'query' }, // the handler opens the case
  { kind: 'update', name: 'acknowledge', activities: 1 },
  { kind: 'update', name: 'requestSupplement', activities: 2 },
  { kind: 'query' }, // the applicant reads the request
  { kind: 'update', name: 'supplement', activities: 2 },
  { kind: 'update', name: 'decide', activities: 2 },
  { kind: 'query' }, // the applicant reads the timeline
];

/** A decided case waits for its appeal period (on its one running timer); the bare one waits as long. */
export const BARE_APPEAL_PERIOD = '30 days';

/** The bare workflow's only query. */
export const BARE_QUERY = 'status';
