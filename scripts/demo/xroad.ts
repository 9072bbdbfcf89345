/**
 * The demo's X-Road part (issue 4): an application to Tampere's soil extraction permit, a service the
 * city handles in its own case system. The sandbox authority system acknowledges it, asks for the
 * landowner's consent, and decides, all over Suomi.fi-palveluväylä; an operator then lists the exchange.
 */
import type { ApiClient } from '../../bench/api-client';
import { XROAD_SAMPLE_SERVICE_ID, xroadSampleForm } from '../../bench/sample-case';
import type { ApplicationView, SubmissionReceipt, TimelineEntry } from '../../workflows/application/messages';

export interface XroadDemo {
  applicant: ApiClient;
  /** Logged in as an operator (olli.operaattori@lvv.fi). */
  operator: ApiClient;
  say(line: string): void;
  detail(line: string): void;
}

interface ExchangeMessage { id: string; direction: string; type: string; status: string; attempts: number; bodySha256: string }

const SERVICE_ID = XROAD_SAMPLE_SERVICE_ID;
const form = xroadSampleForm;

export async function runXroadDemo(d: XroadDemo): Promise<void> {
  const started = await d.applicant.post<ApplicationView>('/api/v1/applications', { serviceId: SERVICE_ID, language: 'fi' });
  const own = `/api/v1/applications/${started.applicationId}`;
  d.say(`Application ${started.applicationId} started for ${SERVICE_ID} (handled by ${started.authorityId} in its own system: ${started.handlingMode})`);
  const saved = await d.applicant.put<ApplicationView>(`${own}/draft`, { form, expectedVersion: started.draft.version });
  const receipt = await d.applicant.post<SubmissionReceipt>(`${own}/submit`, { draftVersion: saved.draft.version });
  d.say(`Submitted: receipt ${receipt.receiptId}; the answer did not wait for X-Road`);

  const until = async (status: string): Promise<ApplicationView> => {
    for (let i = 0; i < 120; i++) {
      const view = await d.applicant.get<ApplicationView>(own);
      if (view.status === status) return view;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`${started.applicationId} did not reach ${status} in a minute: is the sandbox authority system running (npm start)?`);
  };
  await until('DELIVERED');
  d.say('Delivered to the authority: Tampere\'s case system has it (status DELIVERED)');
  const acknowledged = await until('IN_HANDLING');
  d.say(`Acknowledged over X-Road with the city's case number ${acknowledged.caseNumber}`);
  const asked = await until('SUPPLEMENT_REQUESTED');
  const request = asked.supplementRequests[asked.supplementRequests.length - 1];
  d.say(`The case system asks for a supplement: "${request.message}", due ${request.deadline}`);
  await d.applicant.post(`${own}/supplements`, { requestId: request.requestId, message: 'Maanomistajan suostumus liitetty.', form: { ...form, landownerConsent: true } });
  d.say('The applicant answers; the supplement goes to the case system over X-Road');
  const decided = await until('DECIDED');
  d.say(`Decided by the case system: ${decided.decision?.outcome}, appeal period ends ${decided.decision?.appealPeriodEndsAt}`);
  if (decided.decision?.document) d.detail(`decision document ${decided.decision.document.filename}, SHA-256 ${decided.decision.document.sha256}`);
  const timeline = await d.applicant.get<TimelineEntry[]>(`${own}/timeline`);
  d.detail(`timeline: ${timeline.map((e) => e.type).join(' → ')}`);

  const { messages } = await d.operator.get<{ messages: ExchangeMessage[] }>(`/api/v1/operator/cases/${started.applicationId}/exchange`);
  d.say(`The exchange, as an operator sees it (the disclosure log), ${messages.length} messages:`);
  for (const m of messages) d.detail(`${m.direction.padEnd(8)} ${m.type.padEnd(18)} ${m.status.padEnd(9)} attempts ${m.attempts}  X-Road-Id ${m.id}`);
}
