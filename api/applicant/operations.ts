/**
 * What an applicant does with an application, for the JSON API (api/routers/applicant.ts) and the pages
 * (api/pages/applicant) alike: the same checks, the same workflow updates, the same errors.
 */
import { z } from 'zod';
import {
  saveDraftUpdate, submitUpdate, supplementUpdate, TEXT_LIMITS, withdrawUpdate,
  type ApplicationView, type SubmissionReceipt, type TimelineEntry,
} from '../../workflows/application/messages';
import { mandatedUpdate } from '../acting-for/mandated-update';
import { readableCase } from '../acting-for/organisation-cases';
import { requireAttachmentsComplete } from '../attachments/operations';
import { actorOf, applicantCase, caseFormSchema, storedTimeline, storedView, updateCase } from '../routers/cases';
import type { RouterDeps } from '../routers/deps';
import type { Session } from '../session/types';

const Form = z.record(z.string(), z.unknown());
type Form = z.infer<typeof Form>;

/** The bodies of the applicant's acts (the JSON API validates them with these; the pages too, before calling). */
export const DraftBody = z.strictObject({ form: Form, expectedVersion: z.number().int().min(0).optional() });
export const SubmitBody = z.strictObject({ draftVersion: z.number().int().min(0) });
export const SupplementAnswerBody = z.strictObject({ requestId: z.string().min(1).max(100), message: z.string().min(1).max(TEXT_LIMITS.message), form: Form.optional() });
export const WithdrawBody = z.strictObject({ reason: z.string().max(TEXT_LIMITS.withdrawalReason).optional() });

/** One of the applicant's own applications, or of the organisation they act for. */
export async function readApplication(deps: RouterDeps, session: Session, id: string): Promise<ApplicationView> {
  return storedView(await readableCase(deps, id, session));
}

/** What has happened in the application, in order. */
export async function readApplicationTimeline(deps: RouterDeps, session: Session, id: string): Promise<TimelineEntry[]> {
  return storedTimeline(deps, await readableCase(deps, id, session));
}

/** Saves the draft form; fields may be missing, but present ones must have the right type (FORM_REJECTED names them). */
export async function saveDraft(deps: RouterDeps, session: Session, id: string, body: { form: Form; expectedVersion?: number }): Promise<ApplicationView> {
  const row = await applicantCase(deps, id, session);
  deps.forms.checkDraft(row.summary.serviceId, await caseFormSchema(deps, row), body.form);
  return updateCase(deps, row, saveDraftUpdate, { actor: actorOf(session), ...body });
}

/** Submits the saved draft: the form must be complete and the required attachments there. */
export async function submitApplication(deps: RouterDeps, session: Session, id: string, body: { draftVersion: number }): Promise<SubmissionReceipt> {
  const row = await applicantCase(deps, id, session);
  // A stale version is the workflow's call (it knows the latest; the stored draft may lag a save in
  // flight). Only the stored draft, if it is the one named, is checked here; the workflow re-checks.
  const { draft } = row.view;
  if (draft.version === body.draftVersion) deps.forms.checkComplete(row.summary.serviceId, await caseFormSchema(deps, row), draft.form);
  await requireAttachmentsComplete(deps, row);
  return mandatedUpdate(deps, row, submitUpdate, { actor: actorOf(session), sessionRef: session.id, ...body });
}

/** Answers an official's supplement request, optionally with a corrected (complete) form. */
export async function answerSupplement(
  deps: RouterDeps, session: Session, id: string, body: { requestId: string; message: string; form?: Form },
): Promise<ApplicationView> {
  const row = await applicantCase(deps, id, session);
  if (body.form) deps.forms.checkComplete(row.summary.serviceId, await caseFormSchema(deps, row), body.form);
  return mandatedUpdate(deps, row, supplementUpdate, { actor: actorOf(session), sessionRef: session.id, ...body });
}

/** Withdraws the application. */
export async function withdrawApplication(deps: RouterDeps, session: Session, id: string, body: { reason?: string }): Promise<ApplicationView> {
  const row = await applicantCase(deps, id, session);
  return mandatedUpdate(deps, row, withdrawUpdate, { actor: actorOf(session), sessionRef: session.id, ...body });
}

/** The applicant's own application with the form schema it runs with (the form page renders its fields from it). */
export async function applicationForm(deps: RouterDeps, session: Session, id: string): Promise<{ view: ApplicationView; schema: Record<string, unknown> }> {
  const row = await applicantCase(deps, id, session);
  return { view: storedView(row), schema: await caseFormSchema(deps, row) };
}
