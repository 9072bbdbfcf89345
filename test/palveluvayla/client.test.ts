/**
 * [#4] The one X-Road client against the sandbox security servers over real HTTP: the r1 call with its
 * headers, and every kind of failure parsed (JSON or XML, 7.8.0 or 7.6.x type spelling) and classed
 * as worth retrying or not.
 */
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createPalveluvaylaClient, XroadCallError } from '../../activities/palveluvayla';
import { classify } from '../../activities/palveluvayla/client';
import { logger } from '../../infra/logger';
import { generateSelfSignedCertificate } from '../../infra/x509';
import { restPath } from '../../infra/xroad/ids';
import { SANDBOX_PLATFORM_CLIENT_ID } from '../../infra/xroad/lupa-interface';
import { startXroadSandbox, TAMPERE, type RunningXroadSandbox } from '../../sandbox/xroad';
import { freePort, testDataDir } from '../support/env';

const application = {
  applicationId: 'LV-2026-424242', serviceId: 'maa-aineslupa', language: 'fi', applicant: { ref: 'pseudonym', name: 'Tessa Testilä' }, principal: null,
  form: { volumeM3: 1 }, receipt: { receiptId: 'r-1', submittedAt: '2026-11-24T10:00:00.000Z', contentSha256: 'a'.repeat(64) },
};

describe('[#4] The Suomi.fi-palveluväylä client', () => {
  let sandbox: RunningXroadSandbox;
  const client = () => createPalveluvaylaClient({ XROAD_SECURITY_SERVER_URL: sandbox.urls.platformSecurityServer, XROAD_CLIENT_ID: SANDBOX_PLATFORM_CLIENT_ID, XROAD_TIMEOUT_MS: 5000 });
  const casing = (errorCasing: 'current' | 'legacy') => Promise.all([sandbox.urls.platformSecurityServer, sandbox.urls.authoritySecurityServer].map((ss) =>
    fetch(`${ss}/_control/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errorCasing }) })));
  const failureOf = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (err: unknown) => err as XroadCallError);

  beforeAll(async () => {
    sandbox = await startXroadSandbox({
      dataDir: testDataDir('xroad-client-'), host: '127.0.0.1', ports: { platformSecurityServer: 0, authoritySecurityServer: 0, authoritySystem: 0 },
      platformClientId: SANDBOX_PLATFORM_CLIENT_ID, platformProviderUrl: 'http://127.0.0.1:9/unused', auto: false, logger,
    });
  });
  afterAll(async () => sandbox?.stop());
  afterEach(async () => {
    await casing('current');
    await fetch(`${sandbox.urls.platformSecurityServer}/_control/faults`, { method: 'DELETE' });
  });

  it('sends through the own security server with the message\'s X-Road-Id, and the provider stores it once however often it comes', async () => {
    const answer = await client().send({ service: TAMPERE.service, path: '/applications', messageId: 'msg-1', userId: 'pseudonym', issue: application.applicationId, body: application });
    expect(answer).toMatchObject({ status: 201, body: { received: true }, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const again = await client().send({ service: TAMPERE.service, path: '/applications', messageId: 'msg-1', body: application });
    expect(again.status).toBe(200);
    const held = await (await fetch(`${sandbox.urls.authoritySystem}/_control/cases/${application.applicationId}`)).json();
    expect(held).toMatchObject({ messageIds: ['msg-1'], deliveries: 2 });
    const log: any = await (await fetch(`${sandbox.urls.platformSecurityServer}/_control/log`)).json();
    expect(log[0]).toMatchObject({ messageId: 'msg-1', client: SANDBOX_PLATFORM_CLIENT_ID, service: TAMPERE.service, path: '/applications' });
  });

  it('does not retry what X-Road refuses for good, in either spelling of the type code', async () => {
    for (const spelling of ['current', 'legacy'] as const) {
      await casing(spelling);
      const err = await failureOf(client().send({ service: `${TAMPERE.member}/tampere-lupa/tuntematon`, path: '/x', messageId: `u-${spelling}`, body: {} }));
      expect(err).toBeInstanceOf(XroadCallError);
      expect(err).toMatchObject({ retryable: false, fromSecurityServer: true, status: 400, type: spelling === 'current' ? 'client.unknown_service' : 'Client.UnknownService' });
      expect(err.message).toContain('Unknown service');
    }
  });

  it('retries what may pass later: a lost message, a failure after delivery, an unreachable security server', async () => {
    await casing('legacy');
    await fetch(`${sandbox.urls.platformSecurityServer}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'drop' }) });
    expect(await failureOf(client().send({ service: TAMPERE.service, path: '/applications', messageId: 'd-1', body: application })))
      .toMatchObject({ retryable: true, status: 500, type: 'Server.ClientProxy.NetworkError' });
    await casing('current');
    await fetch(`${sandbox.urls.platformSecurityServer}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'fail-after-delivery' }) });
    expect(await failureOf(client().send({ service: TAMPERE.service, path: '/applications', messageId: 'f-1', body: { ...application, applicationId: 'LV-2026-434343' } })))
      .toMatchObject({ retryable: true, type: 'server.serverproxy.network_error' });
    const nowhere = createPalveluvaylaClient({ XROAD_SECURITY_SERVER_URL: `http://127.0.0.1:${await freePort()}`, XROAD_CLIENT_ID: SANDBOX_PLATFORM_CLIENT_ID, XROAD_TIMEOUT_MS: 2000 });
    expect(await failureOf(nowhere.send({ service: TAMPERE.service, path: '/applications', messageId: 'n-1', body: {} }))).toMatchObject({ retryable: true, status: null });
  });

  it('does not retry a refusal of the provider itself, and reads error bodies in XML too', async () => {
    const refused = await failureOf(client().send({ service: TAMPERE.service, path: '/applications', messageId: 'bad-1', body: { not: 'an application' } }));
    expect(refused).toMatchObject({ retryable: false, fromSecurityServer: false, status: 400, type: 'client.bad_request' });

    await casing('legacy');
    const res = await fetch(`${sandbox.urls.platformSecurityServer}${restPath(`${TAMPERE.member}/tampere-lupa/tuntematon`, '/x')}`, {
      method: 'POST', headers: { 'x-road-client': SANDBOX_PLATFORM_CLIENT_ID, accept: 'application/xml' },
    });
    const parsed = classify(res.status, res.headers.get('x-road-error'), await res.text());
    expect(parsed).toMatchObject({ retryable: false, type: 'Client.UnknownService', message: expect.stringContaining('Unknown service: FI-TEST/MUN/0211675-2/tampere-lupa/tuntematon') });
    expect(classify(500, 'server.serverproxy.database_error', '<error><type>server.serverproxy.database_error</type><message>a &amp; b</message><detail>x</detail></error>'))
      .toMatchObject({ retryable: true, message: expect.stringContaining('a & b') });
  });

  it('presents the platform\'s certificate to a security server that lets in only its information systems\' certificates (mTLS)', async () => {
    // The sandbox security server behind HTTPS that requires the platform's client certificate (the "HTTPS" connection type).
    const serverTls = generateSelfSignedCertificate('localhost', 1, 1024);
    const platformTls = generateSelfSignedCertificate('lupaflow', 1, 1024);
    const server = https.createServer({ key: serverTls.keyPem, cert: serverTls.certPem, ca: [platformTls.certPem], requestCert: true, rejectUnauthorized: true }, sandbox.platformSecurityServer.app);
    await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
    try {
      const url = `https://localhost:${(server.address() as AddressInfo).port}`;
      const settings = { XROAD_SECURITY_SERVER_URL: url, XROAD_CLIENT_ID: SANDBOX_PLATFORM_CLIENT_ID, XROAD_TIMEOUT_MS: 5000 };
      const body = { ...application, applicationId: 'LV-2026-616161' };
      const sent = await createPalveluvaylaClient(settings, { key: platformTls.keyPem, cert: platformTls.certPem, ca: serverTls.certPem })
        .send({ service: TAMPERE.service, path: '/applications', messageId: 'tls-1', body });
      expect(sent).toMatchObject({ status: 201, body: { received: true } });
      // Without the certificate the security server does not let the platform in: retried, as a network failure.
      expect(await failureOf(createPalveluvaylaClient(settings, { ca: serverTls.certPem }).send({ service: TAMPERE.service, path: '/applications', messageId: 'tls-2', body })))
        .toMatchObject({ retryable: true, status: null });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
