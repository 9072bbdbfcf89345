import { call, type Caller } from '../api/http';
import { completeForm, SERVICE_ID } from '../api/forms';

/** The smallest file the attachment sniffer takes as a PDF: a site plan for the environmental permit. */
export const SITE_PLAN_PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/** Starts an environmental permit application (ymparistolupa, lvv) and saves the complete form; returns its id. */
export async function completeDraft(baseUrl: string, applicant: Caller): Promise<{ id: string; version: number }> {
  const started = await call(baseUrl, applicant, 'POST', '/api/v1/applications', { body: { serviceId: SERVICE_ID, language: 'fi' } });
  if (started.status !== 201) throw new Error(`start answered ${started.status}: ${JSON.stringify(started.body)}`);
  const id = started.body.applicationId as string;
  const saved = await call(baseUrl, applicant, 'PUT', `/api/v1/applications/${id}/draft`, { body: { form: completeForm, expectedVersion: started.body.draft.version } });
  if (saved.status !== 200) throw new Error(`saving the draft answered ${saved.status}: ${JSON.stringify(saved.body)}`);
  return { id, version: saved.body.draft.version };
}

/** A complete environmental permit application with its site plan, submitted through the API: DELIVERED to lvv. */
export async function submittedCase(baseUrl: string, applicant: Caller): Promise<string> {
  const { id, version } = await completeDraft(baseUrl, applicant);
  const plan = await call(baseUrl, applicant, 'POST', `/api/v1/applications/${id}/attachments?type=asemapiirros&filename=asemapiirros.pdf`, { rawBody: SITE_PLAN_PDF, contentType: 'application/pdf' });
  if (plan.status !== 201) throw new Error(`attaching the site plan answered ${plan.status}: ${JSON.stringify(plan.body)}`);
  const submitted = await call(baseUrl, applicant, 'POST', `/api/v1/applications/${id}/submit`, { body: { draftVersion: version } });
  if (submitted.status !== 200) throw new Error(`submit answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
  return id;
}
