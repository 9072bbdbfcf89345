/**
 * The workflow's view of its activities, with their timeouts and retry policies. Store writes retry
 * with backoff and no attempt limit: a database outage makes the case wait, never fail.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { ErrorCode } from '../error-codes';

const forever = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '2 minutes' } as const;

export const store = proxyActivities<Pick<Activities, 'recordEvents' | 'loadServiceSettings' | 'createReceipt'>>({
  startToCloseTimeout: '30 seconds',
  retry: { ...forever, nonRetryableErrorTypes: [ErrorCode.FORM_REJECTED] },
});

export const identity = proxyActivities<Pick<Activities, 'verifySession'>>({
  startToCloseTimeout: '15 seconds',
  retry: { ...forever, nonRetryableErrorTypes: [ErrorCode.LOA_TOO_LOW, ErrorCode.SESSION_INVALID] },
});

// Suomi.fi e-Authorizations: reads only, so retried without limit (the act waits, operators see the
// pending activity); backoff capped lower, so the act goes on soon after the service is back.
export const mandates = proxyActivities<Pick<Activities, 'checkMandate'>>({
  startToCloseTimeout: '30 seconds',
  retry: { ...forever, maximumInterval: '30 seconds', nonRetryableErrorTypes: [ErrorCode.MANDATE_SELECTION_REQUIRED] },
});

// E-mail notifications: retried with backoff for about a day (a relay outage delays them, never the case);
// a relay that refuses the message for good ends them at once. Either way the notifications table says so.
export const notifications = proxyActivities<Pick<Activities,
  'notifyAuthorityOfSubmission' | 'notifyApplicantOfSupplementRequest' | 'notifyApplicantOfDecision' | 'notifyApplicantOfDeadline'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 150, nonRetryableErrorTypes: [ErrorCode.NOTIFICATION_REFUSED] },
});

// Suomi.fi-palveluväylä: X-Road itself never retries, so the case does, without limit and with the same
// X-Road-Id each time (the authority system de-duplicates); a refusal ends the message for good. The
// time limit covers the client's own XROAD_TIMEOUT_MS (at most 80 s) plus the bookkeeping; the send
// heartbeats every 2 s, so one lost with a crashed worker is tried again after 10 s.
export const exchange = proxyActivities<Pick<Activities, 'sendMessage'>>({
  startToCloseTimeout: '90 seconds',
  heartbeatTimeout: '10 seconds',
  retry: { ...forever, maximumInterval: '5 minutes', nonRetryableErrorTypes: [ErrorCode.EXCHANGE_REFUSED] },
});
