import { onboardingWorkflowId, type OnboardingCheck } from '../../workflows/onboarding/messages';
import { PLATFORM_CHANNEL_ID, SERVICE } from '../../sandbox/ptv/fixtures';
import { call, eventually, expectError, type Caller } from '../api/http';
import { ownAuthority } from '../catalogue/support';
import { startTestStack, type TestStack } from '../support/stack';

// The X-Road helper's seed: Tampere's service behind the sandbox authority security server.
const TAMPERE_SERVICE = 'FI-TEST/MUN/0211675-2/tampere-lupa/lupahakemukset';
const UNKNOWN_SUBSYSTEM = 'FI-TEST/MUN/0211675-2/ei-olemassa';

const failed = (checks: OnboardingCheck[]) => checks.filter((c) => !c.passed);

describe('[#5] Authority onboarding', () => {
  let stack: TestStack;
  let harri: Caller;   // service administrator at tukes
  let kaisa: Caller;   // handler at lvv, not an administrator

  beforeAll(async () => {
    stack = await startTestStack({ env: { ONBOARDING_RECHECK_INTERVAL: '1h' } });
    [harri, kaisa] = await Promise.all([stack.login('virtu', 'harri.hallinnoija@tukes.fi'), stack.login('virtu', 'kaisa.kasittelija@lvv.fi')]);
  });
  afterAll(async () => {
    await stack?.client.workflow.getHandle(onboardingWorkflowId('tukes')).terminate('test over').catch(() => undefined);
    await stack?.stop();
  });

  const api = (caller: Caller, method: string, path: string) => call(stack.baseUrl, caller, method, path);
  /** How many times the onboarding has run its checks so far. */
  const checkRounds = async (authorityId: string) => {
    const { events } = await stack.client.workflow.getHandle(onboardingWorkflowId(authorityId)).fetchHistory();
    return (events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'runOnboardingChecks').length;
  };

  it('shows the service not linked to the platform\'s channel as a failed check with what to do; the admin\'s request connects it', async () => {
    expectError(await api(harri, 'GET', '/api/v1/admin/onboarding'), 404, 'NOT_FOUND');
    expectError(await api(kaisa, 'POST', '/api/v1/admin/onboarding'), 403, 'FORBIDDEN');

    const started = await api(harri, 'POST', '/api/v1/admin/onboarding');
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ authorityId: 'tukes', complete: false });
    expect(failed(started.body.checks)).toEqual([{
      check: 'ptv-channel', subject: 'kemikaalilupa', passed: false,
      finding: 'The service is not connected to the e-service channel of Luvat ja valvonta.',
      whatToDo: expect.stringContaining('POST /api/v1/admin/onboarding/connect-channel'),
    }]);
    expect(started.body.checks).toEqual(expect.arrayContaining([
      expect.objectContaining({ check: 'ptv-published', subject: 'kemikaalilupa', passed: true }),
      expect.objectContaining({ check: 'virtu-login', subject: null, passed: true }),
      expect.objectContaining({ check: 'representation', subject: 'kemikaalilupa', passed: true }),
    ]));
    expect((await api(harri, 'GET', '/api/v1/admin/onboarding')).body).toEqual(started.body);
    // The request that started the onboarding ran its first round: the workflow did not run a second one of its own
    // (that round's checklist, a moment later, would replace the one the administrator was just shown).
    expect(await checkRounds('tukes')).toBe(1);

    const connected = await api(harri, 'POST', '/api/v1/admin/onboarding/connect-channel');
    expect(connected.status).toBe(200);
    expect(connected.body).toMatchObject({ complete: true });
    expect(failed(connected.body.checks)).toEqual([]);
    // Through PTV's write API: the service now names the platform's channel.
    expect(stack.ptv.store.services.get(SERVICE.kemikaalilupa)?.channelIds).toEqual([PLATFORM_CHANNEL_ID]);

    // Every check passed: the onboarding is done, and its checklist stays readable.
    const done = await stack.client.workflow.getHandle(onboardingWorkflowId('tukes')).result();
    expect(done.complete).toBe(true);
    expect((await api(harri, 'GET', '/api/v1/admin/onboarding')).body.complete).toBe(true);
  });

  it('checks through the platform\'s security server that an xroad service answers listMethods, and that each service is published', async () => {
    const own = await ownAuthority(stack.db, stack.ptv, 2);
    const [xroad, draft] = own.services;
    await stack.db('permit_services').where({ id: xroad.id }).update({
      handling_mode: 'xroad', xroad_service: `${UNKNOWN_SUBSYSTEM}/hakemukset`, xroad_client: UNKNOWN_SUBSYSTEM,
    });
    stack.ptv.store.services.get(draft.ptvId)!.publishingStatus = 'Draft';
    const handle = await stack.client.workflow.start('authorityOnboarding', {
      workflowId: onboardingWorkflowId(own.authorityId), taskQueue: stack.taskQueue, args: [{ authorityId: own.authorityId, recheckInterval: '2s' }],
    });
    const first = await eventually(() => handle.query<{ checks: OnboardingCheck[] } | null>('checklist'), (list) => list !== null);
    expect(failed(first!.checks).map((c) => [c.check, c.subject])).toEqual([
      ['xroad-metadata', xroad.id], ['ptv-published', draft.id], ['ptv-channel', draft.id],
    ]);
    expect(failed(first!.checks)[0]).toMatchObject({ finding: expect.stringContaining(UNKNOWN_SUBSYSTEM), whatToDo: expect.stringContaining(UNKNOWN_SUBSYSTEM) });
    expect(failed(first!.checks)[1]).toMatchObject({ finding: expect.stringContaining('its latest version is Draft'), whatToDo: 'Complete the service description in PTV and publish it.' });

    // The authority fixes both; the timer's next re-check finds everything in place and the onboarding ends.
    await stack.db('permit_services').where({ id: xroad.id }).update({ xroad_service: TAMPERE_SERVICE, xroad_client: 'FI-TEST/MUN/0211675-2/tampere-lupa' });
    stack.ptv.store.services.get(draft.ptvId)!.publishingStatus = 'Published';
    const done = await handle.result();
    expect(done).toMatchObject({ authorityId: own.authorityId, complete: true });
    expect(done.checks).toContainEqual(expect.objectContaining({ check: 'xroad-metadata', subject: xroad.id, passed: true, finding: `The X-Road service ${TAMPERE_SERVICE} answers its metadata call.` }));
  });

  it('creates the platform\'s channel in PTV when it is missing', async () => {
    stack.ptv.store.channels.delete(PLATFORM_CHANNEL_ID);
    stack.ptv.store.disconnect(SERVICE.kemikaalilupa, PLATFORM_CHANNEL_ID);
    const missing = await api(harri, 'POST', '/api/v1/admin/onboarding');
    expect(failed(missing.body.checks)).toEqual([expect.objectContaining({ check: 'ptv-channel', finding: expect.stringContaining('does not exist in PTV') })]);

    const fixed = await api(harri, 'POST', '/api/v1/admin/onboarding/connect-channel');
    expect(fixed.body.complete).toBe(true);
    const created = [...stack.ptv.store.channels.values()].find((c) => c.webPages.fi === stack.baseUrl);
    expect(created).toMatchObject({ publishingStatus: 'Published', names: { fi: 'Luvat ja valvonta -asiointipalvelu' } });
    expect(stack.ptv.store.services.get(SERVICE.kemikaalilupa)?.channelIds).toEqual([created!.id]);
  });

});
