/**
 * `npm run demo`: one permit application from login to decision against a running `npm start`,
 * printing each step. Logins go through the sandbox identity providers' real SAML bindings.
 */
import { loginThroughSandbox } from '../sandbox/saml-idp/driver';
import { temporalCliPath } from '../infra/temporal/binaries';
import { ApiError, createApiClient, type ApiClient } from '../bench/api-client';
import { runLifecycle, type LifecycleStep } from '../bench/lifecycle-steps';
import { checkFormAgainstSchema, DEMO_PEOPLE, SAMPLE_SERVICE_ID, sampleCase, sampleForm, type ServiceDetail } from '../bench/sample-case';
import { runActingForDemo } from './demo/acting-for';
import { runCatalogueDemo } from './demo/catalogue';
import { runNotificationsDemo, setDemoContact } from './demo/notifications';
import { runProjectsDemo } from './demo/projects';
import { runXroadDemo } from './demo/xroad';

const apiUrl = process.env.DEMO_API_URL ?? 'http://localhost:3000';
let stepNo = 0;
const say = (line: string) => console.log(`${String(++stepNo).padStart(2)}. ${line}`);
const detail = (line: string) => console.log(`      ${line}`);

interface Me { displayName: string; loa: string | null; authorityId: string | null; permissions: string[] }

async function main(): Promise<void> {
  const health = await checkHealth();
  if (health === 'no answer') {
    console.error(`No lupaflow API answers at ${apiUrl}/health: run \`npm start\` first (or set DEMO_API_URL).`);
    process.exit(1);
  }
  if (!health.ok) {
    console.error(`The API at ${apiUrl} is not healthy (HTTP ${health.status}): ${health.body}`);
    process.exit(1);
  }
  const applicant = await login('suomifi', DEMO_PEOPLE.applicant, 'Applicant');

  const services = await applicant.get<ServiceDetail[]>('/api/v1/services');
  say(`Services open for applications: ${services.map((s) => `${s.id} (${s.names.fi}, ${s.authorityId})`).join(', ')}`);
  const service = await applicant.get<ServiceDetail>(`/api/v1/services/${SAMPLE_SERVICE_ID}`);
  checkFormAgainstSchema(service.id, service.formSchema, sampleForm);
  detail(`${service.id}: authority ${service.authorityId}, required LoA ${service.requiredLoa}; the sample form fits its JSON schema`);

  await setDemoContact(applicant, say);
  const applicationId = await runLifecycle(
    {
      applicant,
      handler: lazily(() => login('virtu', DEMO_PEOPLE.handler, 'Handler')),
      decider: lazily(() => login('virtu', DEMO_PEOPLE.decider, 'Decider')),
    },
    sampleCase('LVV/1234/2026'),
    printStep,
  );

  // The same defaults as `npm start` (infra/launcher/config.ts): the embedded server's ports.
  const address = process.env.TEMPORAL_ADDRESS ?? `127.0.0.1:${process.env.EMBEDDED_TEMPORAL_PORT ?? 7233}`;
  const webUi = `http://127.0.0.1:${process.env.EMBEDDED_TEMPORAL_UI_PORT ?? 8233}`;
  const namespace = process.env.TEMPORAL_NAMESPACE;
  say(`Workflow id: ${applicationId}. Its history:`);
  detail(`${cliPath()} workflow show --workflow-id ${applicationId} --address ${address}${namespace ? ` --namespace ${namespace}` : ''}`);
  detail('Payloads in the history are encrypted by the payload codec (binary/encrypted), so no personal data shows in clear;');
  detail(`the Temporal Web UI at ${webUi} shows the same history (namespace ${namespace ?? 'default'}).`);

  await runNotificationsDemo({ applicationId, operator: await login('virtu', 'olli.operaattori@lvv.fi', 'Operator'), say, detail });

  say('Acting for a company with Suomi.fi e-Authorizations:');
  const valtuudetUrl = process.env.VALTUUDET_BASE_URL ?? `http://127.0.0.1:${process.env.SANDBOX_VALTUUDET_PORT ?? 4103}`;
  await runActingForDemo({ apiUrl, valtuudetUrl, handler: await login('virtu', DEMO_PEOPLE.handler, 'Handler'), decider: await login('virtu', DEMO_PEOPLE.decider, 'Decider'), say, detail, printStep });

  say('An application handled in the authority\'s own case system, over Suomi.fi-palveluväylä (X-Road):');
  await runXroadDemo({ applicant, operator: await login('virtu', 'olli.operaattori@lvv.fi', 'Operator'), say, detail });

  say('A project of two permit applications to two authorities, and consent to see a draft:');
  await runProjectsDemo({ apiUrl, tukesOfficial: await login('virtu', 'tuomas.tarkastaja@tukes.fi', 'Tukes official'), say, detail });

  say('Permit services from PTV: onboarding and the permit-need survey:');
  await runCatalogueDemo({ admin: await login('virtu', 'harri.hallinnoija@tukes.fi', 'Service administrator'), lvvAdmin: await login('virtu', 'hanna.hallinnoija@lvv.fi', 'Service administrator'), anonymous: createApiClient(apiUrl), say, detail });
}

function printStep(s: LifecycleStep): void {
  switch (s.step) {
    case 'started':
      return say(`Application ${s.view.applicationId} started for ${s.view.serviceId}: status ${s.view.status}, draft expires ${s.view.deadlines.draftExpiresAt ?? '–'}`);
    case 'draftSaved':
      return say(`Draft saved: version ${s.view.draft.version}, status ${s.view.status}`);
    case 'attached':
      return say(`Attached: ${s.attachments.map((a) => `${a.type} ${a.filename} (${a.size} bytes, SHA-256 ${a.sha256.slice(0, 12)}…)`).join(', ')}`);
    case 'submitted':
      say(`Submitted: receipt ${s.receipt.receiptId} at ${s.receipt.submittedAt}`);
      return detail(`SHA-256 of the submitted content: ${s.receipt.contentSha256}`);
    case 'caseOpened':
      return say(`Handler opened ${s.view.applicationId}: status ${s.view.status}, acknowledgement due ${s.view.deadlines.acknowledgementDueAt ?? '–'}`);
    case 'acknowledged':
      return say(`Acknowledged with case number ${s.view.caseNumber}: status ${s.view.status}, handling due ${s.view.deadlines.handlingDueAt ?? '–'}`);
    case 'supplementRequested':
      return say(`Supplement requested (${s.request.requestId}): "${s.request.message}", answer due ${s.request.deadline}`);
    case 'requestSeen':
      return say(`Applicant sees the request: status ${s.view.status}, handling clock ${s.view.handlingClock.running ? 'running' : 'stopped'}`);
    case 'supplemented':
      return say(`Supplement answered: status ${s.view.status}, handling clock ${s.view.handlingClock.running ? 'running' : 'stopped'}, handling due ${s.view.deadlines.handlingDueAt ?? '–'}`);
    case 'decided':
      say(`Decided ${s.decision.outcome} by ${s.decision.decidedBy.name}: "${s.decision.text}"`);
      return detail(`appeal period ends ${s.decision.appealPeriodEndsAt}; the decision becomes final then (the workflow's timer is running)`);
    case 'timeline':
      say(`Timeline (${s.timeline.length} events):`);
      for (const e of s.timeline) detail(`${String(e.seq).padStart(2)} ${e.at}  ${e.type.padEnd(22)} → ${e.status.padEnd(20)} by ${e.actor.name}`);
  }
}

/** Logs in through the sandbox IdP and returns an API client carrying that session. */
async function login(idp: 'suomifi' | 'virtu', user: string, role: string): Promise<ApiClient> {
  const session = await loginThroughSandbox({ apiBaseUrl: apiUrl, idp, user });
  const client = createApiClient(apiUrl, { session });
  const me = await client.get<Me>('/api/v1/me');
  const where = idp === 'suomifi' ? 'Suomi.fi' : 'Virtu';
  const extra = me.authorityId ? `authority ${me.authorityId}, permissions ${me.permissions.join(', ')}` : `level of assurance ${me.loa}`;
  say(`${role} logged in through the ${where} sandbox as ${user}: ${me.displayName}, ${extra}`);
  return client;
}

/** A client that logs in on first use, so the demo's lines come in the order things happen. */
function lazily(connect: () => Promise<ApiClient>): ApiClient {
  let client: Promise<ApiClient> | undefined;
  const get = () => (client ??= connect());
  return {
    get: async (path) => (await get()).get(path),
    post: async (path, body) => (await get()).post(path, body),
    put: async (path, body) => (await get()).put(path, body),
    upload: async (path, bytes, mediaType) => (await get()).upload(path, bytes, mediaType),
  };
}

async function checkHealth(): Promise<'no answer' | { ok: boolean; status: number; body: string }> {
  try {
    const res = await fetch(new URL('/health', apiUrl), { signal: AbortSignal.timeout(5000) });
    return { ok: res.ok, status: res.status, body: (await res.text()).slice(0, 500) };
  } catch {
    return 'no answer';
  }
}

function cliPath(): string {
  try {
    return temporalCliPath();
  } catch {
    return 'temporal';
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ApiError ? `\nThe API refused: ${err.message}` : `\nDemo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
