import { z } from 'zod';
import { AppError } from '../../infra/errors';
import { ErrorCode } from '../../workflows/error-codes';
import { RouteTable } from '../openapi/route';
import { ApplicationSummary, ApplicationView, CaseParams, SubmissionReceipt, TimelineEntry } from '../openapi/schemas';
import { applicantList, readableCase } from '../acting-for/organisation-cases';
import {
  answerSupplement, DraftBody, readApplication, readApplicationTimeline, saveDraft, submitApplication, SubmitBody,
  SupplementAnswerBody, withdrawApplication, WithdrawBody,
} from '../applicant/operations';
import { mandateErrors, readErrors, transitionErrors } from './case-errors';
import { storedView } from './cases';
import type { RouterDeps } from './deps';
import { StartBody, StartHeaders, startApplication } from './start-application';

const tag = 'Applicant';

/** Applicants (Suomi.fi login) start and handle their own applications; others' cases do not exist for them. */
export function applicantRoutes(deps: RouterDeps): RouteTable {
  const base = '/api/v1/applications';
  return new RouteTable()
    .add({
      method: 'post', path: base, tag, access: 'applicant', body: StartBody, headers: StartHeaders,
      summary: 'Starts an application; answers once the identity check is done (503 with details.applicationId if no worker opens it in time).',
      response: { status: 201, description: 'The new application, as a draft.', schema: ApplicationView },
      errors: [ErrorCode.NOT_FOUND, ErrorCode.LOA_TOO_LOW, ErrorCode.SERVICE_UNAVAILABLE_FOR_APPLICATIONS,
        ErrorCode.MANDATE_SELECTION_REQUIRED, ErrorCode.NO_MANDATE, ErrorCode.INVALID_IDENTITY_CODE, ErrorCode.INVALID_BUSINESS_ID,
        ErrorCode.IDEMPOTENCY_KEY_REUSED, ErrorCode.DEPENDENCY_UNAVAILABLE],
    }, async ({ session, body, headers }) => startApplication(deps, session(), body, headers['idempotency-key']))
    .add({
      method: 'get', path: base, tag, access: 'applicant',
      summary: 'Lists the applicant\'s own applications and those of the organisation they act for, in services that accept the role e-Authorizations now gives them in it.',
      response: { status: 200, description: 'The applications, newest first.', schema: z.array(ApplicationSummary) },
    }, async ({ session }) => applicantList(deps, session()))
    .add({
      method: 'get', path: `${base}/:id`, tag, access: 'applicant', params: CaseParams,
      summary: 'One of the applicant\'s own applications, or of the organisation they act for.',
      response: { status: 200, description: 'The application.', schema: ApplicationView },
      errors: readErrors,
    }, async ({ session, params }) => readApplication(deps, session(), params.id))
    .add({
      method: 'get', path: `${base}/:id/timeline`, tag, access: 'applicant', params: CaseParams,
      summary: 'What has happened in the application, in order.',
      response: { status: 200, description: 'The timeline.', schema: z.array(TimelineEntry) },
      errors: readErrors,
    }, async ({ session, params }) => readApplicationTimeline(deps, session(), params.id))
    .add({
      method: 'get', path: `${base}/:id/decision/document`, tag, access: 'applicant', params: CaseParams,
      summary: 'The decision document the authority\'s own case system sent over Suomi.fi-palveluväylä (xroad services); its SHA-256 is in the decision.',
      response: { status: 200, description: 'The document, as its media type.', contentType: 'application/octet-stream' },
      errors: readErrors,
    }, async ({ session, params, res }) => {
      const row = await readableCase(deps, params.id, session());
      const ref = storedView(row).decision?.document;
      const doc = ref && await deps.exchangeLog.decisionDocument(params.id, ref.messageId);
      if (!doc) throw new AppError(ErrorCode.NOT_FOUND, 'This application has no decision document.');
      res.status(200).type(doc.mediaType).attachment(doc.filename).set('Digest', `sha-256=${Buffer.from(doc.sha256, 'hex').toString('base64')}`).send(doc.content);
    })
    .add({
      method: 'put', path: `${base}/:id/draft`, tag, access: 'applicant', params: CaseParams,
      body: DraftBody,
      summary: 'Saves the draft form; fields may be missing, but present ones must have the right type.',
      response: { status: 200, description: 'The application with the saved draft.', schema: ApplicationView },
      errors: [...transitionErrors, ErrorCode.STALE_VERSION, ErrorCode.FORM_REJECTED],
    }, async ({ session, params, body }) => saveDraft(deps, session(), params.id, body))
    .add({
      method: 'post', path: `${base}/:id/submit`, tag, access: 'applicant', params: CaseParams,
      body: SubmitBody,
      summary: 'Submits the saved draft; the form must be complete. Returns the receipt with the content hash.',
      response: { status: 200, description: 'The submission receipt.', schema: SubmissionReceipt },
      errors: [...transitionErrors, ErrorCode.STALE_VERSION, ErrorCode.FORM_REJECTED, ErrorCode.ATTACHMENTS_MISSING, ...mandateErrors],
    }, async ({ session, params, body }) => submitApplication(deps, session(), params.id, body))
    .add({
      method: 'post', path: `${base}/:id/supplements`, tag, access: 'applicant', params: CaseParams,
      body: SupplementAnswerBody,
      summary: 'Answers an official\'s supplement request, optionally with a corrected form.',
      response: { status: 200, description: 'The application.', schema: ApplicationView },
      errors: [...transitionErrors, ErrorCode.FORM_REJECTED, ...mandateErrors],
    }, async ({ session, params, body }) => answerSupplement(deps, session(), params.id, body))
    .add({
      method: 'post', path: `${base}/:id/withdraw`, tag, access: 'applicant', params: CaseParams,
      body: WithdrawBody,
      summary: 'Withdraws the application.',
      response: { status: 200, description: 'The closed application.', schema: ApplicationView },
      errors: [...transitionErrors, ...mandateErrors],
    }, async ({ session, params, body }) => withdrawApplication(deps, session(), params.id, body));
}
