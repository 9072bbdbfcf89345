import type { ApplicationView } from '../workflows/application/messages';
import type { ApiClient } from './api-client';
import { runPool } from './pool';
import { attachRequired } from './required-attachments';
import { sampleForm, SAMPLE_SERVICE_ID } from './sample-case';

/** A complete draft, ready to submit: its application id and the draft version a submit names. */
export interface PreparedDraft {
  applicant: ApiClient;
  applicationId: string;
  draftVersion: number;
}

/**
 * Prepares `count` complete drafts of the sample service through the API as applicants do (start,
 * save the form, attach what the service requires), spread over `applicants`, `concurrency` at a time.
 */
export async function prepareDrafts(applicants: readonly ApiClient[], count: number, concurrency: number): Promise<PreparedDraft[]> {
  const drafts: PreparedDraft[] = [];
  await runPool(count, concurrency, async (i) => {
    const applicant = applicants[i % applicants.length];
    const started = await applicant.post<ApplicationView>('/api/v1/applications', { serviceId: SAMPLE_SERVICE_ID, language: 'fi' });
    const id = encodeURIComponent(started.applicationId);
    const saved = await applicant.put<ApplicationView>(`/api/v1/applications/${id}/draft`, { form: sampleForm, expectedVersion: started.draft.version });
    await attachRequired(applicant, SAMPLE_SERVICE_ID, started.applicationId);
    drafts.push({ applicant, applicationId: started.applicationId, draftVersion: saved.draft.version });
  });
  return drafts;
}
