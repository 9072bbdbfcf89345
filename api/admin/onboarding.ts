import { WithStartWorkflowOperation, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, WorkflowNotFoundError, type Duration } from '@temporalio/common';
import { AppError } from '../../infra/errors';
import { ErrorCode } from '../../workflows/error-codes';
import {
  checklistQuery, connectChannelUpdate, ONBOARDING_WORKFLOW_TYPE, onboardingWorkflowId, recheckUpdate,
  type OnboardingChecklist, type OnboardingInput,
} from '../../workflows/onboarding/messages';

export interface OnboardingDeps {
  temporal: Client;
  taskQueue: string;
  recheckInterval: Duration;
}

// What an activity of the onboarding may fail with, for the administrator to read.
const SAYS: ErrorCode[] = [ErrorCode.PTV_REQUEST_REFUSED, ErrorCode.DEPENDENCY_UNAVAILABLE];

/** An activity's refusal inside an update, as the AppError it stands for (the error middleware sees only the update failure). */
function unwrap(err: unknown): unknown {
  if (!(err instanceof WorkflowUpdateFailedError)) return err;
  const cause = err.cause instanceof ActivityFailure ? err.cause.cause : err.cause;
  if (cause instanceof ApplicationFailure && SAYS.includes(cause.type as ErrorCode)) {
    return new AppError(cause.type as ErrorCode, cause.message);
  }
  return err;
}

/**
 * The admin API's side of an authority's onboarding workflow. Each change is an update-with-start:
 * it starts the onboarding if none runs (again, after a finished one) and answers with the checklist.
 */
export function createOnboardingControl(deps: OnboardingDeps) {
  const withStart = async (update: typeof recheckUpdate, authorityId: string): Promise<OnboardingChecklist> => {
    const input: OnboardingInput = { authorityId, recheckInterval: deps.recheckInterval };
    try {
      return await deps.temporal.workflow.executeUpdateWithStart(update, {
        startWorkflowOperation: new WithStartWorkflowOperation(ONBOARDING_WORKFLOW_TYPE, {
          workflowId: onboardingWorkflowId(authorityId),
          taskQueue: deps.taskQueue,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
    } catch (err) {
      throw unwrap(err);
    }
  };

  return {
    /** Starts the onboarding, or re-checks the running one; the checklist after the check. */
    recheck: (authorityId: string) => withStart(recheckUpdate, authorityId),
    /** Creates the platform's channel and connections in PTV, then re-checks. */
    connectChannel: (authorityId: string) => withStart(connectChannelUpdate, authorityId),
    /** The latest checklist (also of a finished onboarding). */
    async checklist(authorityId: string): Promise<OnboardingChecklist> {
      try {
        const list = await deps.temporal.workflow.getHandle(onboardingWorkflowId(authorityId)).query(checklistQuery);
        if (list) return list;
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
      throw new AppError(ErrorCode.NOT_FOUND, 'Your authority\'s onboarding has not been started; start it with POST /api/v1/admin/onboarding.');
    },
  };
}

export type OnboardingControl = ReturnType<typeof createOnboardingControl>;
