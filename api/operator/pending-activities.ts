import type { Client, WorkflowExecutionDescription } from '@temporalio/client';
import { decodeOptionalFailureToOptionalError } from '@temporalio/common/lib/internal-non-workflow';
import { z } from 'zod';

/** An activity the case is waiting on (e.g. a mandate check while e-Authorizations is down), with its last failure. */
export const PendingActivity = z.object({
  activityType: z.string(),
  state: z.string(),
  attempt: z.number(),
  lastFailure: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
}).openapi('PendingActivity');

const time = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  (t?.seconds != null ? new Date(Number(t.seconds) * 1000 + Math.floor((t.nanos ?? 0) / 1e6)).toISOString() : null);

/** The pending activities of a described execution; failure messages decrypted with the client's codec. */
export async function pendingActivities(client: Client, description: WorkflowExecutionDescription): Promise<z.infer<typeof PendingActivity>[]> {
  const STATES = ['UNSPECIFIED', 'SCHEDULED', 'STARTED', 'CANCEL_REQUESTED', 'PAUSED', 'PAUSE_REQUESTED'];
  return Promise.all((description.raw.pendingActivities ?? []).map(async (a) => {
    const failure = await decodeOptionalFailureToOptionalError(client.options.loadedDataConverter, a.lastFailure).catch(() => undefined);
    return {
      activityType: a.activityType?.name ?? 'unknown',
      state: STATES[Number(a.state ?? 0)] ?? String(a.state),
      attempt: a.attempt ?? 0,
      lastFailure: failure?.message ?? null,
      lastAttemptAt: time(a.lastStartedTime),
      nextAttemptAt: time(a.scheduledTime),
    };
  }));
}
