import { WithStartWorkflowOperation } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, type SearchAttributePair } from '@temporalio/common';
import { z } from 'zod';
import { contentSha256 } from '../../activities/store/create-receipt';
import { AppError } from '../../infra/errors';
import { ErrorCode } from '../../workflows/error-codes';
import { SA } from '../../workflows/search-attributes';
import {
  APPLICATION_WORKFLOW_TYPE, openUpdate, type ApplicationView, type Language, type StartApplicationInput,
} from '../../workflows/application/messages';
import { chosenPrincipal } from '../acting-for/chosen-principal';
import { describeCase, waitsForMandateCheck } from '../acting-for/mandate-wait';
import { mandateRefusal } from '../acting-for/start-refusal';
import { DEFAULT_APPLICATION_START_TIMEOUT_MS } from '../config';
import { Language as LanguageSchema } from '../openapi/schemas';
import type { Session } from '../session/types';
import type { RouterDeps } from './deps';

/** Acting for someone else: named by identity code or business id, as chosen in this login through e-Authorizations (api/acting-for). */
const PrincipalRef = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('person'), identityCode: z.string().max(64) }),
  z.strictObject({ kind: z.literal('organisation'), businessId: z.string().max(64) }),
]);

export const StartBody = z.strictObject({
  serviceId: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a service id such as ymparistolupa'),
  language: LanguageSchema.optional(),
  principal: PrincipalRef.optional(),
});

/**
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): a retry with the same key and body
 * answers with the application the first attempt started instead of starting another.
 */
export const StartHeaders = z.object({
  'idempotency-key': z.string()
    .regex(/^[\x21-\x7e]{1,128}$/, 'expected 1 to 128 visible ASCII characters, no spaces')
    .optional()
    .openapi({ description: 'Makes the start safe to retry: a retry with the same key and body returns the same application.' }),
});

// Closed-at-start reasons the applicant must hear as an error, with the case's number to refer to.
const REFUSALS: Partial<Record<string, { code: ErrorCode; message: string }>> = {
  LOA_TOO_LOW: { code: ErrorCode.LOA_TOO_LOW, message: 'This service needs a stronger identification than the one you logged in with.' },
  SESSION_INVALID: { code: ErrorCode.SESSION_INVALID, message: 'Your login could not be verified; please log in again.' },
  SERVICE_UNAVAILABLE: { code: ErrorCode.SERVICE_UNAVAILABLE_FOR_APPLICATIONS, message: 'This service does not take applications now.' },
};

/**
 * Starts an application with update-with-start: the workflow is started under a fresh application
 * number and the `open` update returns once the identity check is done, so the answer says whether
 * the applicant may go on. Conflict policy FAIL: a number is never reused. The wait is bounded: with
 * no worker running, the case exists but nobody opens it (see openInTime).
 * With an Idempotency-Key the number is the key's (see startOnce). `project`: started in a project (api/projects).
 */
export async function startApplication(
  deps: RouterDeps, session: Session, body: z.infer<typeof StartBody>, idempotencyKey?: string, project?: StartApplicationInput['project'],
): Promise<ApplicationView> {
  const principal = body.principal ? await chosenPrincipal(deps.valtuudet?.selections, session, body.principal) : null;
  const service = await deps.services.get(body.serviceId);
  if (!service) throw new AppError(ErrorCode.NOT_FOUND, 'No such permit service.');
  if (!service.active) {
    throw new AppError(ErrorCode.SERVICE_UNAVAILABLE_FOR_APPLICATIONS, 'This service does not take applications now.');
  }
  const fresh = await deps.nextApplicationId();
  const keyed = project ? { ...body, projectId: project.projectId } : body;
  const applicationId = idempotencyKey ? await claimKey(deps, session, keyed, idempotencyKey, fresh) : fresh;
  const input: StartApplicationInput = {
    applicationId,
    serviceId: service.id,
    sessionRef: session.id,
    applicant: { ref: session.subjectRef, name: session.displayName },
    principal,
    language: (body.language ?? session.language) as Language,
    ...(project ? { project } : {}),
  };
  const options = {
    workflowId: applicationId,
    taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
    args: [input] as [StartApplicationInput],
    typedSearchAttributes: startSearchAttributes(input, service.authorityId),
  };
  const view = await openInTime(deps, applicationId, () => idempotencyKey
    ? startOnce(deps, options)
    : deps.temporal.workflow.executeUpdateWithStart(openUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation(APPLICATION_WORKFLOW_TYPE, { ...options, workflowIdConflictPolicy: 'FAIL' }),
    }));
  if (view.status === 'CLOSED' && view.closeReason === 'NO_MANDATE') throw await mandateRefusal(deps.applications, applicationId);
  const refusal = view.status === 'CLOSED' && view.closeReason ? REFUSALS[view.closeReason] : undefined;
  if (refusal) throw new AppError(refusal.code, refusal.message, { applicationId });
  return view;
}

/**
 * The application number of an Idempotency-Key, per applicant: `fresh` if the key is new, else the
 * number its first use claimed (`fresh` then stays unused). The same key with another body is refused.
 */
async function claimKey(
  deps: RouterDeps, session: Session, body: z.infer<typeof StartBody> & { projectId?: string }, idempotencyKey: string, fresh: string,
): Promise<string> {
  const requestHash = contentSha256(body);
  const claimed = await deps.startKeys.claim({
    subjectRef: session.subjectRef, idempotencyKey, applicationId: fresh, serviceId: body.serviceId, requestHash,
  });
  if (claimed.requestHash !== requestHash) {
    throw new AppError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was used for a different request.');
  }
  return claimed.applicationId;
}

/**
 * The start under a key's number: USE_EXISTING, because a retry (maybe running at the same time,
 * maybe after the first attempt failed before starting) must join the case, never start a second.
 * REJECT_DUPLICATE keeps a closed case closed: its final view is the answer instead of a new run.
 */
async function startOnce(
  deps: RouterDeps, options: Omit<ConstructorParameters<typeof WithStartWorkflowOperation>[1], 'workflowIdConflictPolicy'>,
): Promise<ApplicationView> {
  try {
    return await deps.temporal.workflow.executeUpdateWithStart(openUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation(APPLICATION_WORKFLOW_TYPE, {
        ...options, workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    return deps.temporal.workflow.getHandle(options.workflowId).result();
  }
}

/**
 * Runs the start, giving up after APPLICATION_START_TIMEOUT_MS. Without a worker the update never
 * completes; the workflow is started all the same and opens (and enters the applicant's list) once a
 * worker runs, so the answer names it, and says so when it waits for e-Authorizations (a mandate check).
 * If Temporal does not know the case, the engine is unreachable.
 */
async function openInTime(deps: RouterDeps, applicationId: string, start: () => Promise<ApplicationView>): Promise<ApplicationView> {
  const signal = AbortSignal.timeout(deps.config.APPLICATION_START_TIMEOUT_MS ?? DEFAULT_APPLICATION_START_TIMEOUT_MS);
  try {
    return await deps.temporal.connection.withAbortSignal(signal, start);
  } catch (err) {
    if (!signal.aborted) throw err;
    const description = await describeCase(deps.temporal, applicationId);
    if (description) {
      throw new AppError(ErrorCode.DEPENDENCY_UNAVAILABLE, waitsForMandateCheck(description)
        ? 'The case was created and is waiting for Suomi.fi e-Authorizations to confirm your mandate, which is not answering right now. It opens once the service answers and will appear in your applications list.'
        : 'The case was created but is not ready yet; it will appear in your applications list.', { applicationId });
    }
    throw new AppError(ErrorCode.DEPENDENCY_UNAVAILABLE, 'The case engine is not reachable right now. Please try again shortly.');
  }
}


/**
 * The search attributes a case starts with, so that operators find it even before a worker has run it
 * and the workflow need not upsert them. Never personal data: ids and a business id only.
 */
export function startSearchAttributes(input: StartApplicationInput, authorityId: string): SearchAttributePair[] {
  const pairs: SearchAttributePair[] = [
    { key: SA.service, value: input.serviceId },
    { key: SA.authority, value: authorityId },
    { key: SA.status, value: 'STARTED' },
  ];
  if (input.principal?.kind === 'organisation') pairs.push({ key: SA.organisation, value: input.principal.businessId });
  return pairs;
}
