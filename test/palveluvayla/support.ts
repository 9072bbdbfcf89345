/** Steps the X-Road tests share: an xroad-mode application submitted through the API, and the sandbox's control endpoints. */
import { call, type Caller } from '../api/http';
import { startTestStack, type TestStack } from '../support/stack';

export const XROAD_SERVICE_ID = 'maa-aineslupa';

/** A complete soil extraction permit form (service `maa-aineslupa`); without the landowner's consent unless asked. */
export const soilForm = (extra: Record<string, unknown> = {}) => ({
  applicantName: 'Sorakuljetus Virtanen Oy', propertyId: '837-405-12-3', material: 'gravel', volumeM3: 40_000, years: 10,
  contact: { name: 'Tessa Testilä', email: 'tessa.testila@example.fi' }, ...extra,
});

export const api = (stack: TestStack, caller: Caller, method: string, path: string, body?: unknown) => call(stack.baseUrl, caller, method, path, { body });

/** Starts, fills and submits an application as `applicant`; returns its id and receipt without waiting for delivery. */
export async function submitApplication(stack: TestStack, applicant: Caller, form = soilForm()): Promise<{ applicationId: string; receipt: any }> {
  const started = await api(stack, applicant, 'POST', '/api/v1/applications', { serviceId: XROAD_SERVICE_ID, language: 'fi' });
  if (started.status !== 201) throw new Error(`start failed: ${started.status} ${JSON.stringify(started.body)}`);
  const own = `/api/v1/applications/${started.body.applicationId}`;
  const saved = await api(stack, applicant, 'PUT', `${own}/draft`, { form, expectedVersion: started.body.draft.version });
  const receipt = await api(stack, applicant, 'POST', `${own}/submit`, { draftVersion: saved.body.draft.version });
  if (receipt.status !== 200) throw new Error(`submit failed: ${receipt.status} ${JSON.stringify(receipt.body)}`);
  return { applicationId: started.body.applicationId, receipt: receipt.body };
}

/** The applicant's view once `done` holds (the exchange runs beside the API's answers); fails the test when it never does. */
export async function caseWhen(stack: TestStack, applicant: Caller, applicationId: string, done: (view: any) => boolean, timeoutMs = 20_000): Promise<any> {
  return waitFor(async () => (await api(stack, applicant, 'GET', `/api/v1/applications/${applicationId}`)).body, done, timeoutMs);
}

export async function timelineTypes(stack: TestStack, applicant: Caller, applicationId: string): Promise<string[]> {
  const timeline = await api(stack, applicant, 'GET', `/api/v1/applications/${applicationId}/timeline`);
  return timeline.body.map((e: { type: string }) => e.type);
}

/** JSON to or from a sandbox control endpoint. */
export async function control(baseUrl: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${baseUrl}${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/** The sandbox authority system acts on a case (acknowledge, request-supplement, status, decide); returns the X-Road answer it got. */
export const authorityActs = (stack: TestStack, applicationId: string, act: 'acknowledge' | 'request-supplement' | 'status' | 'decide', body: Record<string, unknown> = {}) =>
  control(stack.xroad.sandbox.urls.authoritySystem, 'POST', `/_control/cases/${encodeURIComponent(applicationId)}/${act}`, body);

/** What the sandbox authority system holds of an application (null when it never arrived). */
export async function authorityCase(stack: TestStack, applicationId: string): Promise<any> {
  const res = await fetch(`${stack.xroad.sandbox.urls.authoritySystem}/_control/cases/${encodeURIComponent(applicationId)}`);
  return res.status === 404 ? null : res.json();
}

/** The operator's list of a case's exchange. */
export async function exchangeOf(stack: TestStack, operator: Caller, applicationId: string): Promise<any[]> {
  const res = await api(stack, operator, 'GET', `/api/v1/operator/cases/${applicationId}/exchange`);
  if (res.status !== 200) throw new Error(`exchange failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.messages;
}

/** Polls `probe` until `done` holds; fails with the last value after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined as T);
    if (value !== undefined && value !== null && done(value)) return value;
    if (Date.now() > until) throw new Error(`condition not met in ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The test stack with the applicant (Tessa Testilä, Suomi.fi) and an operator (Olli, Virtu) logged in. */
export async function startExchangeStack(): Promise<{ stack: TestStack; tessa: Caller; olli: Caller }> {
  const stack = await startTestStack();
  const [tessa, olli] = await Promise.all([stack.login('suomifi', '010280-952L'), stack.login('virtu', 'olli.operaattori@lvv.fi')]);
  return { stack, tessa, olli };
}
