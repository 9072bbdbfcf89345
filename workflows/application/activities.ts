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
