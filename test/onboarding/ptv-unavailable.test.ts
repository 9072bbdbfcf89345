import { SERVICE } from '../../sandbox/ptv/fixtures';
import { onboardingWorkflowId, type OnboardingCheck } from '../../workflows/onboarding/messages';
import { call, expectError, type Caller } from '../api/http';
import { startTestStack, type TestStack } from '../support/stack';

describe('[#5] While PTV cannot be reached, administrators get a prompt, plain answer and nothing is half-done', () => {
  let stack: TestStack;
  let hanna: Caller;   // service administrator at lvv

  beforeAll(async () => {
    stack = await startTestStack();
    hanna = await stack.login('virtu', 'hanna.hallinnoija@lvv.fi');
    await stack.ptv.stop();
  });
  afterAll(async () => {
    await stack?.client.workflow.getHandle(onboardingWorkflowId('lvv')).terminate('test over').catch(() => undefined);
    await stack?.stop();
  });

  const api = (method: string, path: string, body?: unknown) => call(stack.baseUrl, hanna, method, path, { body });

  it('refuses an import with 503 saying PTV cannot be reached, and creates nothing', async () => {
    const answer = await api('POST', '/api/v1/admin/services', { serviceId: 'luonnonsuojelu-tauolla', ptvServiceId: SERVICE.luonnonsuojelu, formSchema: { type: 'object' } });
    expect(expectError(answer, 503, 'DEPENDENCY_UNAVAILABLE').message).toMatch(/PTV\) cannot be reached .*nothing was imported/);
    expect(await stack.db('permit_services').where({ id: 'luonnonsuojelu-tauolla' }).first()).toBeUndefined();
  });

  it('answers the onboarding check at once, the PTV checks failed with why, the others checked', async () => {
    const started = Date.now();
    const answer = await api('POST', '/api/v1/admin/onboarding');
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(20_000);
    const checks: OnboardingCheck[] = answer.body.checks;
    expect(checks).toContainEqual(expect.objectContaining({
      check: 'ptv-published', subject: 'ymparistolupa', passed: false, finding: expect.stringMatching(/^PTV could not be read: /), whatToDo: expect.stringContaining('platform operator'),
    }));
    expect(checks).toContainEqual(expect.objectContaining({ check: 'representation', subject: 'ymparistolupa', passed: true }));
    expect(checks).toContainEqual(expect.objectContaining({ check: 'virtu-login', passed: true }));
    expect(answer.body.complete).toBe(false);
  });

  it('answers the request to connect the channel with 503 saying PTV cannot be reached', async () => {
    const answer = await api('POST', '/api/v1/admin/onboarding/connect-channel');
    expect(expectError(answer, 503, 'DEPENDENCY_UNAVAILABLE').message).toContain('PTV) cannot be reached');
  });
});
