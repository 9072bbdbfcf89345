import type { Client, WorkflowExecutionDescription } from '@temporalio/client';

// How long to wait for Temporal's description of a case after giving up on an act.
const DESCRIBE_MS = 2_000;

/** The case's execution as Temporal describes it now; undefined if it does not answer in time (or knows no such case). */
export function describeCase(temporal: Client, applicationId: string): Promise<WorkflowExecutionDescription | undefined> {
  const describe = () => temporal.workflow.getHandle(applicationId).describe();
  return temporal.connection.withDeadline(Date.now() + DESCRIBE_MS, describe).catch(() => undefined);
}

/** Whether the case is waiting on a mandate check, i.e. Suomi.fi e-Authorizations is not answering (the activity retries). */
export function waitsForMandateCheck(description: WorkflowExecutionDescription | undefined): boolean {
  return (description?.raw.pendingActivities ?? []).some((a) => a.activityType?.name === 'checkMandate');
}
