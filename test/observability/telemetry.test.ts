/**
 * [#7] What an operator sees of a real xroad-mode lifecycle run by the real processes (`npm start`'s
 * launcher: sandbox, API and worker as child processes, configured by environment only): JSON log
 * lines tied to their request or workflow with no personal data, Prometheus metrics at the worker's
 * and the API's /metrics, and one OpenTelemetry trace from the API request through the workflow to
 * the X-Road call, whose traceparent the sandbox security server received.
 */
import { randomUUID } from 'node:crypto';
import { createApiClient } from '../../bench/api-client';
import { isolatedPlatformEnv } from '../../bench/platform';
import { startPlatform, type RunningPlatform } from '../../infra/launcher/platform';
import { loginThroughSandbox } from '../../sandbox/saml-idp/driver';
import { runXroadDemo } from '../../scripts/demo/xroad';
import { testDataDir } from '../support/env';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';

// The applicant's identity code and name (sandbox Suomi.fi), and the contact person of the form (scripts/demo/xroad.ts).
const PERSONAL_DATA = ['010280-952L', '010280952L', 'Testilä', 'Tessa', 'tessa.testila@example.fi'];

const lines: Record<string, string[]> = { api: [], worker: [], sandbox: [] };
const jsonLines = (name: string) => lines[name].flatMap((line) => { try { return [JSON.parse(line) as Record<string, unknown>]; } catch { return []; } });

let platform: RunningPlatform;
let receiver: OtlpReceiver;
let applicationId = '';

async function until<T>(probe: () => T | Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  const dataDir = testDataDir('telemetry-');
  const env = {
    ...await isolatedPlatformEnv(dataDir),
    // The shared test servers stand in for an external Temporal and PostgreSQL; the rest starts here.
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE, DATABASE_URL: process.env.DATABASE_URL,
    TEMPORAL_TASK_QUEUE: `telemetry-${randomUUID()}`, LOG_LEVEL: 'info',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
  };
  platform = await startPlatform({ env, dataDir, onChildLine: (name, line) => lines[name].push(line) });
  const login = async (idp: 'suomifi' | 'virtu', user: string) => createApiClient(platform.apiUrl, { session: await loginThroughSandbox({ apiBaseUrl: platform.apiUrl, idp, user }) });
  const [applicant, operator] = await Promise.all([login('suomifi', '010280-952L'), login('virtu', 'olli.operaattori@lvv.fi')]);
  await runXroadDemo({ applicant, operator, say: (line) => { applicationId ||= /Application (\S+) started/.exec(line)?.[1] ?? ''; }, detail: () => undefined });
  // A second application, withdrawn as a draft: its workflow run ends (the first waits for its appeal period).
  const withdrawn = await applicant.post<{ applicationId: string }>('/api/v1/applications', { serviceId: 'ymparistolupa', language: 'fi' });
  await applicant.post(`/api/v1/applications/${withdrawn.applicationId}/withdraw`, {});
}, 240_000);

afterAll(async () => {
  await platform?.stop();
  await receiver?.stop();
});

describe('[#7] observability of a real lifecycle', () => {
  it('logs JSON lines that carry the request id (API) and the workflow, run, activity and attempt (worker), and no personal data', () => {
    expect(applicationId).toMatch(/\S/);
    const api = jsonLines('api');
    const requests = api.filter((l) => l.event === 'http_request');
    expect(requests.length).toBeGreaterThan(10);
    for (const line of requests) expect(line.requestId).toEqual(expect.any(String));
    // Lines written deep inside a request (the SAML login, an authority's message on the X-Road listener) carry its id too.
    for (const event of ['saml_login', 'xroad_message_received']) {
      const inRequest = api.filter((l) => l.event === event);
      expect([event, inRequest.length > 0]).toEqual([event, true]);
      for (const line of inRequest) expect(line).toMatchObject({ event, requestId: expect.any(String) });
    }

    const worker = jsonLines('worker');
    const delivered = worker.filter((l) => l.event === 'xroad_message_delivered' && l.application_id === applicationId);
    expect(delivered.length).toBeGreaterThan(0);
    for (const line of delivered) {
      expect(line).toMatchObject({ workflowId: applicationId, runId: expect.any(String), activityType: expect.any(String), attempt: expect.any(Number) });
    }

    for (const name of ['api', 'worker']) {
      const output = lines[name].join('\n');
      for (const personal of PERSONAL_DATA) expect([name, personal, output.includes(personal)]).toEqual([name, personal, false]);
    }
  });

  it('serves the worker\'s metrics (activities, integrations, process, the Temporal SDK\'s own) and the API\'s, with no ids in labels', async () => {
    expect(platform.workerMetricsUrl).toMatch(/^http:\/\/localhost:\d+\/metrics$/);
    const scrape = async () => (await fetch(platform.workerMetricsUrl as string)).text();
    const worker = await until(scrape, (text) => /^lupaflow_workflow_completions_total\{workflow="permitApplication",outcome="completed"\} 1$/m.test(text), 'the withdrawn application\'s run counted');
    const value = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
    expect(value(worker, /^lupaflow_activity_executions_total\{activity="sendMessage",outcome="completed"\} (\d+)/m)).toBeGreaterThan(0);
    expect(worker).toMatch(/^lupaflow_activity_duration_seconds_count\{activity="recordEvents"\} [1-9]/m);
    expect(worker).toMatch(/^lupaflow_integration_request_duration_seconds_count\{system="palveluvayla",operation="POST \/[^"]+",outcome="ok"\} [1-9]/m);
    // The case transitions, each counted once: two applications started, one submitted and decided, one withdrawn.
    for (const [type, count] of [['STARTED', 2], ['SUBMITTED', 1], ['DECIDED', 1], ['WITHDRAWN', 1]] as const) {
      expect(worker).toMatch(new RegExp(`^lupaflow_case_events_total\\{type="${type}"\\} ${count}$`, 'm'));
    }
    expect(worker).toMatch(/^process_cpu_user_seconds_total /m);
    expect(worker).toMatch(/^temporal_\w+/m);
    expect(worker).toMatch(/^temporal_activity_execution_latency_seconds_count\{/m);

    const api = await (await fetch(`${platform.apiUrl}/metrics`)).text();
    expect(api).toMatch(/^http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/applications\/:id\/submit",status="200"\} 1$/m);
    for (const text of [worker, api]) {
      expect(text).not.toContain(applicationId);
      for (const personal of PERSONAL_DATA) expect(text).not.toContain(personal);
    }
  });

  it('traces one request through the workflow and its activity to the X-Road call, and the security server got the traceparent', async () => {
    const xroadSpan = await until(() => receiver.spans.find((s) => s.name.startsWith('X-Road POST')), Boolean, 'an X-Road client span') as ReceivedSpan;
    // One trace from the API request to the X-Road call; each process exports in its own batches.
    const expected = [
      /^lupaflow-api POST \/api\/v1\/applications/, /^lupaflow-api (UpdateWithStartWorkflow|StartWorkflow|StartWorkflowUpdate):/,
      /^lupaflow-worker RunActivity:sendMessage$/, /^lupaflow-worker X-Road POST /,
    ];
    const names = (spans: ReceivedSpan[]) => spans.map((s) => `${s.service} ${s.name}`);
    const trace = await until(
      () => receiver.spans.filter((s) => s.traceId === xroadSpan.traceId),
      (spans) => expected.every((pattern) => names(spans).some((name) => pattern.test(name))),
      'the spans of the X-Road call\'s trace',
    ).catch((err: Error) => {
      throw new Error(`${err.message}; it has ${JSON.stringify(names(receiver.spans.filter((s) => s.traceId === xroadSpan.traceId)))}`);
    });
    // Parent links: the API request → its Temporal client call → (through the workflow) the activity → its X-Road call.
    const parentOf = (span: ReceivedSpan) => trace.find((s) => s.spanId === span.parentSpanId);
    const activity = parentOf(xroadSpan) as ReceivedSpan;
    expect(`${activity.service} ${activity.name}`).toBe('lupaflow-worker RunActivity:sendMessage');
    const clientCall = parentOf(activity) as ReceivedSpan;
    expect(`${clientCall.service} ${clientCall.name}`).toMatch(/^lupaflow-api (UpdateWithStartWorkflow|StartWorkflow|StartWorkflowUpdate):/);
    const request = parentOf(clientCall) as ReceivedSpan;
    expect(request).toMatchObject({ service: 'lupaflow-api', name: 'POST /api/v1/applications', kind: 2, parentSpanId: '' });

    const log = await (await fetch(`${platform.sandboxUrls.xroadSecurityServer}/_control/log`)).json() as { traceparent: string | null }[];
    expect(log.map((m) => m.traceparent)).toContain(`00-${xroadSpan.traceId}-${xroadSpan.spanId}-01`);

    const attributes = JSON.stringify(receiver.spans.map((s) => s.attributes));
    for (const personal of PERSONAL_DATA) expect(attributes).not.toContain(personal);
  });
});
