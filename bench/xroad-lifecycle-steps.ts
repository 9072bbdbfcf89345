/**
 * One xroad-mode application from start to decision, as it happens in production: the applicant starts,
 * saves and submits through the API; the application travels over the sandbox security servers to the
 * sandbox authority case system, which acknowledges it and asks for the landowner's consent over X-Road
 * (driven through its control API, as the tests drive it); the applicant answers; once the answer has
 * reached the case system, it decides. Ends when the applicant sees DECIDED.
 */
import type { ApplicationView, SubmissionReceipt } from '../workflows/application/messages';
import type { ApiClient } from './api-client';
import { attachRequired } from './required-attachments';
import { XROAD_SAMPLE_SERVICE_ID, xroadSampleForm } from './sample-case';

/** The sandbox authority system's control API (sandbox/authority-system/server.ts). */
export interface AuthorityControl {
  /** Stops its own handling, so the bench drives every step; resolves with what gives it back as it was. */
  takeOver(): Promise<() => Promise<void>>;
  /** What it holds of an application; null until the application has arrived. */
  caseOf(applicationId: string): Promise<{ supplements: unknown[] } | null>;
  /** Sends one message to the platform over X-Road; throws unless the platform accepted it. */
  act(applicationId: string, act: 'acknowledge' | 'request-supplement' | 'decide'): Promise<void>;
}

/** How often the bench looks whether a message has reached the case system (the sandbox's cost, not the platform's). */
const POLL_MS = 50;
const ARRIVAL_TIMEOUT_MS = 60_000;

export function authorityControl(baseUrl: string): AuthorityControl {
  const request = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  return {
    async takeOver() {
      const set = async (settings: { auto?: boolean }) => {
        const res = await request('PUT', '/_control/settings', settings);
        if (res.status !== 200) throw new Error(`the sandbox authority system refused its settings: ${res.status}`);
        return res.body as { auto: boolean };
      };
      const { auto } = await set({});
      await set({ auto: false });
      return async () => void (await set({ auto }));
    },
    async caseOf(applicationId) {
      const res = await request('GET', `/_control/cases/${encodeURIComponent(applicationId)}`);
      return res.status === 404 ? null : (res.body as { supplements: unknown[] });
    },
    async act(applicationId, act) {
      const res = await request('POST', `/_control/cases/${encodeURIComponent(applicationId)}/${act}`, {});
      const answer = res.body as { status: number; xroadError: string | null };
      if (res.status !== 200 || answer.status < 200 || answer.status >= 300) {
        throw new Error(`the platform refused the authority's ${act} of ${applicationId}: ${answer.status} ${answer.xroadError ?? ''}`);
      }
    },
  };
}

/** Runs one xroad lifecycle; returns the application (= workflow) id. */
export async function runXroadLifecycle(applicant: ApiClient, authority: AuthorityControl): Promise<string> {
  const started = await applicant.post<ApplicationView>('/api/v1/applications', { serviceId: XROAD_SAMPLE_SERVICE_ID, language: 'fi' });
  const id = started.applicationId;
  const own = `/api/v1/applications/${encodeURIComponent(id)}`;
  const saved = await applicant.put<ApplicationView>(`${own}/draft`, { form: xroadSampleForm, expectedVersion: started.draft.version });
  await attachRequired(applicant, XROAD_SAMPLE_SERVICE_ID, id);
  await applicant.post<SubmissionReceipt>(`${own}/submit`, { draftVersion: saved.draft.version });

  await until(`${id} to reach the authority system`, () => authority.caseOf(id));
  await authority.act(id, 'acknowledge');
  await authority.act(id, 'request-supplement');
  const asked = await applicant.get<ApplicationView>(own);
  const request = asked.supplementRequests[asked.supplementRequests.length - 1];
  if (!request) throw new Error(`${id}: the applicant sees no supplement request (status ${asked.status})`);
  await applicant.post<ApplicationView>(`${own}/supplements`, {
    requestId: request.requestId, message: 'Maanomistajan suostumus liitetty.', form: { ...xroadSampleForm, landownerConsent: true },
  });
  await until(`the supplement of ${id} to reach the authority system`, async () => ((await authority.caseOf(id))?.supplements.length ? true : null));
  await authority.act(id, 'decide');
  const decided = await applicant.get<ApplicationView>(own);
  if (decided.status !== 'DECIDED') throw new Error(`${id} is ${decided.status} after the authority's decision, not DECIDED`);
  return id;
}

async function until<T>(what: string, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + ARRIVAL_TIMEOUT_MS;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`waited ${ARRIVAL_TIMEOUT_MS / 1000} s for ${what}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
