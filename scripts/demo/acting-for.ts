/**
 * The demo's acting-for-others part (issue 3): the applicant chooses, in the sandbox Suomi.fi
 * e-Authorizations UI, to act for Rova Oy (role TJ) and takes an application through its whole life
 * for the company; then a mandate is revoked before submit and the submission is refused.
 */
import { ApiError, createApiClient } from '../../bench/api-client';
import { runLifecycle, type LifecycleStep } from '../../bench/lifecycle-steps';
import { attachRequired } from '../../bench/required-attachments';
import { sampleCase, sampleForm } from '../../bench/sample-case';
import type { ApplicationView, TimelineEntry } from '../../workflows/application/messages';
import { loginThroughSandbox } from '../../sandbox/saml-idp/driver';
import { chooseInSandbox } from '../../sandbox/valtuudet/driver';
import type { ApiClient } from '../../bench/api-client';

const ROVA = '7019376-8';

export interface ActingForDemo {
  apiUrl: string;
  /** The sandbox e-Authorizations service, for its control endpoints. */
  valtuudetUrl: string;
  handler: ApiClient;
  decider: ApiClient;
  say(line: string): void;
  detail(line: string): void;
  printStep(step: LifecycleStep): void;
}

export async function runActingForDemo(d: ActingForDemo): Promise<void> {
  await control(d, '/sandbox/reset', {});
  const tessa = await actingFor(d, '010280-952L', 'Tessa Testilä');
  const id = await runLifecycle({ applicant: tessa, handler: d.handler, decider: d.decider }, { ...sampleCase('LVV/2001/2026'), principal: { kind: 'organisation', businessId: ROVA } }, d.printStep);
  const timeline = await tessa.get<TimelineEntry[]>(`/api/v1/applications/${id}/timeline`);
  d.say(`Mandate evidence in ${id}'s event log:`);
  for (const e of timeline.filter((x) => x.type.startsWith('MANDATE_'))) {
    d.detail(`${e.type} for ${String(e.data.act)}: ${String(e.data.result)} via ${String(e.data.api)}, roles ${JSON.stringify(e.data.roles)}, checked ${String(e.data.checkedAt)}`);
  }
  const submitted = timeline.find((e) => e.type === 'SUBMITTED');
  d.detail(`SUBMITTED by ${submitted?.actor.name} on behalf of ${submitted?.actor.onBehalfOf?.name} (${(submitted?.actor.onBehalfOf as { businessId?: string } | undefined)?.businessId})`);

  // The revocation run: Joni, who may sign for Rova (NIMKO), loses the mandate between start and submit.
  const joni = await actingFor(d, '010469-999W', 'Joni Kivi');
  const started = await joni.post<ApplicationView>('/api/v1/applications', { serviceId: 'ymparistolupa', principal: { kind: 'organisation', businessId: ROVA } });
  const saved = await joni.put<ApplicationView>(`/api/v1/applications/${started.applicationId}/draft`, { form: sampleForm });
  d.say(`Joni started ${started.applicationId} for Rova Oy: status ${saved.status}, draft version ${saved.draft.version}`);
  await attachRequired(joni, 'ymparistolupa', started.applicationId);
  await control(d, '/sandbox/revoke', { delegate: '010469-999W', principal: ROVA });
  d.say('The sandbox e-Authorizations service revokes Joni\'s right to sign for Rova Oy (POST /sandbox/revoke)');
  try {
    await joni.post(`/api/v1/applications/${started.applicationId}/submit`, { draftVersion: saved.draft.version });
    throw new Error('the submission went through although the mandate was revoked');
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    d.say(`Submission refused: HTTP ${err.status} ${err.code}: "${err.apiMessage}"`);
  }
  const after = await joni.get<ApplicationView>(`/api/v1/applications/${started.applicationId}`);
  d.detail(`${after.applicationId} is still ${after.status}; the refusal is in its event log as MANDATE_REFUSED`);
  await control(d, '/sandbox/reset', {});
}

/** Logs `hetu` in, and chooses Rova Oy in the e-Authorizations UI the way a browser would. */
async function actingFor(d: ActingForDemo, hetu: string, who: string): Promise<ApiClient> {
  const session = await loginThroughSandbox({ apiBaseUrl: d.apiUrl, idp: 'suomifi', user: hetu });
  const client = createApiClient(d.apiUrl, { session });
  const { redirectUrl } = await client.post<{ redirectUrl: string }>('/api/v1/acting-for', { kind: 'organisation', returnTo: '/' });
  const back = await chooseInSandbox({ redirectUrl, principal: ROVA, cookie: session.cookie });
  const { actingFor } = await client.get<{ actingFor: { principal: { name: string; businessId: string }; roles: string[] } | null }>('/api/v1/acting-for');
  d.say(`${who} chose in Suomi.fi e-Authorizations to act for ${actingFor?.principal.name} (${actingFor?.principal.businessId}), roles ${actingFor?.roles.join(', ')}; back at ${back.location}`);
  return client;
}

async function control(d: ActingForDemo, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${d.valtuudetUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`the sandbox e-Authorizations service refused ${path} (HTTP ${res.status}); is it the sandbox?`);
}
