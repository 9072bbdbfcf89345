/**
 * A few real application lifecycles, driven the way the API drives them (update-with-start, then
 * updates). Used by the history privacy test and by scripts/record-histories.ts for the replay fixtures.
 */
import { WithStartWorkflowOperation, type Client, type WorkflowHandle } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import type { Knex } from 'knex';
import { SA } from '../../../workflows/search-attributes';
import {
  acknowledgeUpdate, APPLICATION_WORKFLOW_TYPE, decideUpdate, openUpdate, requestSupplementUpdate, saveDraftUpdate,
  submitUpdate, supplementUpdate, withdrawUpdate, type ApplicationView,
} from '../../../workflows/application/messages';
import { applicantSession, attachSitePlan, environmentalForm, officialOf, type TestApplicant } from './case-fixtures';

export interface DrivenCase {
  name: string;
  handle: WorkflowHandle;
  applicant: TestApplicant;
}

/** Texts that are personal or confidential and must never appear in Temporal's storage in clear. */
export const CONFIDENTIAL_TEXTS = {
  supplementRequest: 'Toimittakaa selvitys naapurikiinteistön Matti Meikäläisen huomautukseen.',
  supplementAnswer: 'Matti Meikäläisen kanssa on sovittu meluesteestä.',
  decisionText: 'Lupa myönnetään Pintakäsittely Virtanen Oy:lle lupamääräyksin 1–12.',
};

/**
 * Opens a case. `startedWith` are search attributes set at start as the API sets them (then the
 * workflow upserts only what changes); without them the workflow upserts every attribute itself.
 */
async function open(
  client: Client, taskQueue: string, applicant: TestApplicant, startedWith?: SearchAttributePair[],
): Promise<{ handle: WorkflowHandle; view: ApplicationView }> {
  const startWorkflowOperation = new WithStartWorkflowOperation(APPLICATION_WORKFLOW_TYPE, {
    workflowId: applicant.input.applicationId, taskQueue, args: [applicant.input], workflowIdConflictPolicy: 'FAIL', typedSearchAttributes: startedWith,
  });
  const view = await client.workflow.executeUpdateWithStart(openUpdate, { startWorkflowOperation });
  return { handle: await startWorkflowOperation.workflowHandle(), view };
}

/** Runs each lifecycle as far as real time allows (the decided case waits in its appeal period). */
export async function driveLifecycles(client: Client, db: Knex, taskQueue: string): Promise<DrivenCase[]> {
  const lvv = officialOf('lvv');

  const decided = await applicantSession(db, { name: 'Tessa Testilä' });
  const { handle: h1 } = await open(client, taskQueue, decided, [
    { key: SA.service, value: decided.input.serviceId }, { key: SA.authority, value: 'lvv' }, { key: SA.status, value: 'STARTED' },
  ]);
  await h1.executeUpdate(saveDraftUpdate, { args: [{ actor: decided.actor, form: environmentalForm, expectedVersion: 0 }] });
  await attachSitePlan(h1, decided.actor);
  await h1.executeUpdate(submitUpdate, { args: [{ actor: decided.actor, draftVersion: 1 }] });
  await h1.executeUpdate(acknowledgeUpdate, { args: [{ actor: lvv, caseNumber: 'LVV/2026/1001' }] });
  const request = await h1.executeUpdate(requestSupplementUpdate, { args: [{ actor: lvv, message: CONFIDENTIAL_TEXTS.supplementRequest }] });
  await h1.executeUpdate(supplementUpdate, {
    args: [{ actor: decided.actor, requestId: request.requestId, message: CONFIDENTIAL_TEXTS.supplementAnswer, form: { ...environmentalForm, emissions: 'Meluseinä 3 m.' } }],
  });
  await h1.executeUpdate(decideUpdate, { args: [{ actor: lvv, outcome: 'APPROVED', text: CONFIDENTIAL_TEXTS.decisionText }] });

  const withdrawn = await applicantSession(db, { name: 'Joni Kristian Kivi' });
  const { handle: h2 } = await open(client, taskQueue, withdrawn);
  await h2.executeUpdate(saveDraftUpdate, { args: [{ actor: withdrawn.actor, form: environmentalForm }] });
  await attachSitePlan(h2, withdrawn.actor);
  await h2.executeUpdate(submitUpdate, { args: [{ actor: withdrawn.actor, draftVersion: 1 }] });
  await h2.executeUpdate(withdrawUpdate, { args: [{ actor: withdrawn.actor, reason: 'Hanke siirtyy.' }] });
  await h2.result();

  const tooLow = await applicantSession(db, { serviceId: 'kemikaalilupa', loa: 'substantial', name: 'Anna-Liisa Sallinen' });
  const { handle: h3 } = await open(client, taskQueue, tooLow);
  await h3.result();

  return [
    { name: 'supplemented-and-decided', handle: h1, applicant: decided },
    { name: 'withdrawn-after-submission', handle: h2, applicant: withdrawn },
    { name: 'closed-loa-too-low', handle: h3, applicant: tooLow },
  ];
}
