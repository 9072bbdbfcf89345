import type {
  ApplicationView,
  Attachment,
  Decision,
  FormData,
  SubmissionReceipt,
  SupplementRequest,
  TimelineEntry,
} from '../workflows/application/messages';
import type { ApiClient } from './api-client';
import { attachRequired } from './required-attachments';

/** The three people a portal-mode case needs, each with their own logged-in API client. */
export interface LifecycleActors {
  applicant: ApiClient;
  handler: ApiClient;
  decider: ApiClient;
}

export interface LifecycleInput {
  serviceId: string;
  /** Acting for someone else, as chosen through e-Authorizations in the applicant's login (issue 3). */
  principal?: { kind: 'organisation'; businessId: string } | { kind: 'person'; identityCode: string };
  form: FormData;
  caseNumber: string;
  supplementQuestion: string;
  supplementAnswer: string;
  decisionText: string;
}

/** What each step returned, in order, so the demo can print it. */
export type LifecycleStep =
  | { step: 'started'; view: ApplicationView }
  | { step: 'draftSaved'; view: ApplicationView }
  | { step: 'attached'; attachments: Attachment[] }
  | { step: 'submitted'; receipt: SubmissionReceipt }
  | { step: 'caseOpened'; view: ApplicationView }
  | { step: 'acknowledged'; view: ApplicationView }
  | { step: 'supplementRequested'; request: SupplementRequest }
  | { step: 'requestSeen'; view: ApplicationView }
  | { step: 'supplemented'; view: ApplicationView }
  | { step: 'decided'; decision: Decision }
  | { step: 'timeline'; timeline: TimelineEntry[] };

/**
 * One application from start to decision through the API, as its users would drive it: the applicant
 * starts, saves and submits; the handler opens the case, acknowledges and asks for a supplement; the
 * applicant reads and answers it; the decider decides. Ends at DECIDED: the appeal period runs on.
 */
export async function runLifecycle(actors: LifecycleActors, input: LifecycleInput, onStep: (s: LifecycleStep) => void = () => {}): Promise<string> {
  const { applicant, handler, decider } = actors;
  const started = await applicant.post<ApplicationView>('/api/v1/applications', { serviceId: input.serviceId, language: 'fi', principal: input.principal });
  onStep({ step: 'started', view: started });
  const id = encodeURIComponent(started.applicationId);

  const saved = await applicant.put<ApplicationView>(`/api/v1/applications/${id}/draft`, { form: input.form, expectedVersion: started.draft.version });
  onStep({ step: 'draftSaved', view: saved });
  const attached = await attachRequired(applicant, input.serviceId, started.applicationId);
  if (attached.length > 0) onStep({ step: 'attached', attachments: attached });
  const receipt = await applicant.post<SubmissionReceipt>(`/api/v1/applications/${id}/submit`, { draftVersion: saved.draft.version });
  onStep({ step: 'submitted', receipt });

  onStep({ step: 'caseOpened', view: await handler.get<ApplicationView>(`/api/v1/official/cases/${id}`) });
  const acknowledged = await handler.post<ApplicationView>(`/api/v1/official/cases/${id}/acknowledge`, { caseNumber: input.caseNumber });
  onStep({ step: 'acknowledged', view: acknowledged });
  const request = await handler.post<SupplementRequest>(`/api/v1/official/cases/${id}/supplement-requests`, { message: input.supplementQuestion });
  onStep({ step: 'supplementRequested', request });

  onStep({ step: 'requestSeen', view: await applicant.get<ApplicationView>(`/api/v1/applications/${id}`) });
  const supplemented = await applicant.post<ApplicationView>(`/api/v1/applications/${id}/supplements`, {
    requestId: request.requestId,
    message: input.supplementAnswer,
  });
  onStep({ step: 'supplemented', view: supplemented });

  const decision = await decider.post<Decision>(`/api/v1/official/cases/${id}/decision`, { outcome: 'APPROVED', text: input.decisionText });
  onStep({ step: 'decided', decision });
  onStep({ step: 'timeline', timeline: await applicant.get<TimelineEntry[]>(`/api/v1/applications/${id}/timeline`) });
  return started.applicationId;
}
