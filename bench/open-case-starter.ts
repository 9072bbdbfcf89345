/**
 * Starts many real application workflows the way the API does (api/routers/start-application.ts: an
 * application number from the PostgreSQL sequence, the same StartApplicationInput and start search
 * attributes, a logged-in applicant's session), but straight through the Temporal client: it does not
 * wait for each case to open, so starting is not limited by one HTTP round trip per case. Each workflow
 * then opens itself (identity check, first events) and waits in DRAFT on its 90-day draft-expiry timer.
 */
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { nextApplicationNumber } from '../api/application-number';
import { startSearchAttributes } from '../api/routers/start-application';
import type { Session } from '../api/session/types';
import { APPLICATION_WORKFLOW_TYPE, type StartApplicationInput } from '../workflows/application/messages';
import { runPool } from './pool';
import { SAMPLE_SERVICE_ID } from './sample-case';

export interface StartDeps {
  client: Client;
  db: Knex;
  taskQueue: string;
  authorityId: string;
  /** The applicant's live session (kept alive by the caller). */
  session(): Session;
}

/** Starts `count` cases, `concurrency` start calls at a time; `onStarted(n, id)` after each. */
export async function startOpenCases(deps: StartDeps, count: number, concurrency: number, onStarted: (n: number, applicationId: string) => void = () => {}): Promise<void> {
  let started = 0;
  await runPool(count, concurrency, async () => {
    const session = deps.session();
    const applicationId = await nextApplicationNumber(deps.db);
    const input: StartApplicationInput = {
      applicationId,
      serviceId: SAMPLE_SERVICE_ID,
      sessionRef: session.id,
      applicant: { ref: session.subjectRef, name: session.displayName },
      principal: null,
      language: 'fi',
    };
    await deps.client.workflow.start(APPLICATION_WORKFLOW_TYPE, {
      workflowId: applicationId,
      taskQueue: deps.taskQueue,
      args: [input],
      typedSearchAttributes: startSearchAttributes(input, deps.authorityId),
      workflowIdConflictPolicy: 'FAIL',
    });
    onStarted(++started, applicationId);
  });
}
