/**
 * The two lifecycles the chaos run drives, each step retried as its users would (user-client.ts):
 * portal mode (applicant and officials through the API) and xroad mode (the applicant through the API,
 * the authority's staff through the sandbox case system's control API, which talks X-Road).
 */
import { SAMPLE_PDF } from '../bench/required-attachments';
import { sampleForm } from '../bench/sample-case';
import { httpCall, StepStuck, userStep, waitUntil, type ChaosUser, type RetryCounts } from './user-client';

/** What the driver did with one application, and what it expects to find at the end. */
export interface DrivenApplication {
  index: number;
  mode: 'portal' | 'xroad';
  applicationId: string | null;
  /** The decision text the official or the authority system gave (unique per application). */
  decisionText: string;
  /** xroad: the X-Road-Id of the authority's decision message. */
  decisionMessageId: string | null;
  /** Set when the driver could not finish the lifecycle: the step and why. */
  stuck: string | null;
}

export interface ScenarioContext {
  runId: string;
  applicant: ChaosUser;
  handler: ChaosUser;
  decider: ChaosUser;
  authoritySystemUrl: string;
  counts: RetryCounts;
  stepTimeoutMs: number;
  /** Called after every completed step (the fault plan runs on progress). */
  stepDone(): void;
}

export const PORTAL_SERVICE = 'ymparistolupa';
export const XROAD_SERVICE = 'maa-aineslupa';
/** Steps per lifecycle, for progress. */
export const STEPS = { portal: 9, xroad: 9 } as const;

/** Without the landowner's consent, so the authority asks for a supplement. */
const soilForm = {
  applicantName: 'Sorakuljetus Virtanen Oy', propertyId: '837-405-12-3', material: 'gravel', volumeM3: 40_000, years: 10,
  contact: { name: 'Tessa Testilä', email: 'tessa.testila@example.fi' },
};

const enc = encodeURIComponent;

export async function driveApplication(ctx: ScenarioContext, app: DrivenApplication): Promise<void> {
  const { counts, stepTimeoutMs: timeout } = ctx;
  const step = async <T>(name: string, act: () => Promise<{ status: number; body: any }>, done?: () => Promise<boolean>) => {
    const answer = await userStep(`${app.mode} #${app.index} ${name}`, counts, timeout, act, done);
    ctx.stepDone();
    return answer?.body as T | undefined;
  };
  const { applicant } = ctx;
  const serviceId = app.mode === 'portal' ? PORTAL_SERVICE : XROAD_SERVICE;

  // Start: the same Idempotency-Key on every try gives the same application.
  const started = await step<any>('start', () => applicant.call('POST', '/api/v1/applications', {
    body: { serviceId, language: 'fi' }, headers: { 'idempotency-key': `${ctx.runId}-${app.mode}-${app.index}` },
  }));
  const id = started.applicationId as string;
  app.applicationId = id;
  const own = `/api/v1/applications/${enc(id)}`;
  const view = async () => {
    const answer = await applicant.call('GET', own);
    if (answer.status !== 200) throw new Error(`GET ${own} → ${answer.status}`);
    return answer.body;
  };

  const form = app.mode === 'portal' ? sampleForm : soilForm;
  await step('save draft', async () => applicant.call('PUT', `${own}/draft`, { body: { form, expectedVersion: (await view()).draft.version } }),
    async () => (await view()).draft.savedAt !== null);
  if (app.mode === 'portal') {
    await step('attach site plan', () => applicant.call('POST', `${own}/attachments?type=asemapiirros&filename=asemapiirros.pdf`, { file: { bytes: SAMPLE_PDF, mediaType: 'application/pdf' } }),
      async () => (await view()).attachments.some((a: { type: string }) => a.type === 'asemapiirros'));
  } else {
    ctx.stepDone();
  }
  await step('submit', async () => applicant.call('POST', `${own}/submit`, { body: { draftVersion: (await view()).draft.version } }),
    async () => (await view()).submission !== null);

  if (app.mode === 'portal') await handleInPortal(ctx, app, id, view, step);
  else await handleOverXroad(ctx, app, id, view, step);
}

type Step = <T>(name: string, act: () => Promise<{ status: number; body: any }>, done?: () => Promise<boolean>) => Promise<T | undefined>;

async function handleInPortal(ctx: ScenarioContext, app: DrivenApplication, id: string, view: () => Promise<any>, step: Step): Promise<void> {
  const { handler, decider } = ctx;
  const theCase = `/api/v1/official/cases/${enc(id)}`;
  const officialView = async () => {
    const answer = await handler.call('GET', theCase);
    if (answer.status !== 200) throw new Error(`GET ${theCase} → ${answer.status}`);
    return answer.body;
  };
  await step('official opens', () => handler.call('GET', theCase));
  await step('acknowledge', () => handler.call('POST', `${theCase}/acknowledge`, { body: { caseNumber: `LVV/${app.index}/2026` } }),
    async () => (await officialView()).caseNumber !== null);
  await step('request supplement', () => handler.call('POST', `${theCase}/supplement-requests`, { body: { message: 'Liittäkää meluselvitys yöaikaisesta toiminnasta.' } }),
    async () => (await officialView()).supplementRequests.length > 0);
  await answerSupplement(ctx, app, id, view, step);
  await step('decide', () => decider.call('POST', `${theCase}/decision`, { body: { outcome: 'APPROVED', text: app.decisionText } }),
    async () => (await view()).decision !== null);
}

async function answerSupplement(ctx: ScenarioContext, app: DrivenApplication, id: string, view: () => Promise<any>, step: Step): Promise<void> {
  const request = await waitUntil(`${app.mode} #${app.index} supplement request seen`, ctx.stepTimeoutMs, async () => (await view()).supplementRequests[0] ?? null);
  await step('answer supplement', () => ctx.applicant.call('POST', `/api/v1/applications/${enc(id)}/supplements`, {
    body: { requestId: request.requestId, message: 'Täydennys liitteenä.' },
  }), async () => !!(await view()).supplementRequests[0]?.answeredAt);
}

async function handleOverXroad(ctx: ScenarioContext, app: DrivenApplication, id: string, view: () => Promise<any>, step: Step): Promise<void> {
  const held = async () => {
    const answer = await httpCall(`${ctx.authoritySystemUrl}/_control/cases/${enc(id)}`, { method: 'GET' });
    return answer.status === 200 ? answer.body : null;
  };
  // The authority's staff act through their case system, which sends each message over X-Road and,
  // like a real X-Road client, repeats it with the same X-Road-Id until it gets an answer: it cannot
  // look into the platform, so it never skips a repeat, and a 4xx refusal is final.
  const act = (name: string, path: string, messageId: string, body: Record<string, unknown>) =>
    step(name, async () => {
      const answer = await httpCall(`${ctx.authoritySystemUrl}/_control/cases/${enc(id)}/${path}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, messageId }),
      });
      // The control API answers 200 with what X-Road answered the case system (status 0 or 5xx: try again).
      const status = answer.status === 200 && typeof answer.body?.status === 'number' ? answer.body.status : 502;
      if (status >= 400 && status < 500) throw new StepStuck(`xroad #${app.index} ${name}`, `refused: ${status} ${JSON.stringify(answer.body?.body)}`);
      return { status: status === 0 ? 502 : status, body: answer.body };
    });

  await waitUntil(`xroad #${app.index} application at the authority`, ctx.stepTimeoutMs, held);
  ctx.stepDone();
  await act('authority acknowledges', 'acknowledge', `${id}-ack`, { caseNumber: `TRE/${app.index}/2026` });
  // The same body on every repeat: the same X-Road-Id with other content is refused (409 client.message_id_reused).
  const deadline = new Date(Date.now() + 14 * 86_400_000).toISOString();
  await act('authority requests supplement', 'request-supplement', `${id}-req`, { message: 'Toimittakaa maanomistajan kirjallinen suostumus.', deadline });
  await answerSupplement(ctx, app, id, view, step);
  await waitUntil(`xroad #${app.index} supplement at the authority`, ctx.stepTimeoutMs, async () => ((await held())?.supplements?.length ? true : null));
  app.decisionMessageId = `${id}-dec`;
  await act('authority decides', 'decide', app.decisionMessageId, { outcome: 'APPROVED', text: app.decisionText });
}
