import { isDeepStrictEqual } from 'node:util';
import type { ApplicationSummary } from '../../activities/store';
import { AppError, isAppError } from '../../infra/errors';
import { saveDraftUpdate, type FormData } from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import { toAppError } from '../errors';
import { actorOf, caseSettings, updateCase, workflowView, type CaseRecord } from '../routers/cases';
import type { RouterDeps } from '../routers/deps';
import type { Session } from '../session/types';
import { withCommonData } from './common-form';
import type { CommonData } from './store';

/** Which applications of a project took a change of its common data, and why the others did not. */
export interface Propagation {
  updated: string[];
  notUpdated: { applicationId: string; code: string; message: string }[];
}

interface Fitted { row: CaseRecord; current: FormData; form: FormData; version: number }

/**
 * Fills `data` into each draft among `cases` that the applicant started: first every new form is
 * checked against its case's schema (a refusal changes nothing, not even the project), then `save`
 * stores the project's data, then each draft is saved through its workflow's saveDraft update, as
 * if the applicant had typed it. Applications past the draft keep what they were submitted with.
 */
export async function propagateCommonData(
  deps: RouterDeps, session: Session, cases: Pick<ApplicationSummary, 'applicationId' | 'status'>[], data: CommonData, save: () => Promise<unknown>,
): Promise<Propagation> {
  const result: Propagation = { updated: [], notUpdated: [] };
  const plans: Fitted[] = [];
  for (const { applicationId, status } of cases) {
    const row = status === 'DRAFT' ? await deps.applications.get(applicationId) : undefined;
    if (!row) {
      result.notUpdated.push({ applicationId, code: ErrorCode.TRANSITION_NOT_ALLOWED, message: `The application is ${status.toLowerCase()}: it keeps the data it had.` });
    } else if (row.applicantRef !== session.subjectRef) {
      // Each draft is its applicant's: a colleague acting for the same organisation may read it, not change it.
      result.notUpdated.push({ applicationId, code: ErrorCode.FORBIDDEN, message: 'Another person started this application; only they can change its draft.' });
    } else {
      plans.push(await fitted(deps, row, data));
    }
  }
  await save();
  for (const plan of plans) {
    try {
      await saveFitted(deps, session, plan, data);
      result.updated.push(plan.row.summary.applicationId);
    } catch (err) {
      const refusal = toAppError(err);
      result.notUpdated.push({ applicationId: plan.row.summary.applicationId, code: refusal.code, message: refusal.message });
    }
  }
  return result;
}

/** The case's current draft with the common data filled in, checked against the schema the case runs with. */
async function fitted(deps: RouterDeps, row: CaseRecord, data: CommonData): Promise<Fitted> {
  const { draft } = await workflowView(deps, row);
  // The schema and map the case started with: a draft of an older schema is filled where that one asks.
  const { formSchema: schema, commonDataFields } = await caseSettings(deps, row);
  const form = withCommonData(draft.form, data, schema, commonDataFields, 'change');
  const { applicationId, serviceId } = row.summary;
  try {
    deps.forms.checkDraft(serviceId, schema, form);
  } catch (err) {
    if (!isAppError(err)) throw err;
    throw new AppError(err.code, `The common data does not fit the form of application ${applicationId}.`, { ...err.details, applicationId });
  }
  return { row, current: draft.form, form, version: draft.version };
}

/** Saves one draft; if the applicant saved it in between, fills the data into their newer version once more. */
async function saveFitted(deps: RouterDeps, session: Session, first: Fitted, data: CommonData): Promise<void> {
  let plan = first;
  for (let attempt = 1; ; attempt++) {
    if (isDeepStrictEqual(plan.form, plan.current)) return;
    try {
      await updateCase(deps, plan.row, saveDraftUpdate, { actor: actorOf(session), form: plan.form, expectedVersion: plan.version });
      return;
    } catch (err) {
      if (toAppError(err).code !== ErrorCode.STALE_VERSION || attempt > 1) throw err;
      plan = await fitted(deps, plan.row, data);
    }
  }
}
