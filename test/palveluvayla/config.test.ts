/** [#4] The X-Road settings: development defaults point at the sandbox; production must name everything. */
import express from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { loadXroadConfig } from '../../activities/palveluvayla';
import { loadProviderConfig } from '../../api/palveluvayla';
import { startProviderListeners } from '../../api/palveluvayla/listener';
import { loadProviderTls } from '../../api/palveluvayla/tls';
import { generateSelfSignedCertificate } from '../../infra/x509';
import { configProblems } from '../support/config-problems';
import { testDataDir } from '../support/env';

const problemsOf = configProblems;

describe('[#4] X-Road configuration', () => {
  it('works in development with no settings: the sandbox security server and subsystem, ports 3001 and 3443', () => {
    expect(loadXroadConfig({})).toEqual({ XROAD_SECURITY_SERVER_URL: 'http://127.0.0.1:4105', XROAD_CLIENT_ID: 'FI-TEST/GOV/1234567-1/lupaflow', XROAD_TIMEOUT_MS: 60_000 });
    expect(loadProviderConfig({})).toMatchObject({ XROAD_PROVIDER_PORT: 3001, XROAD_PROVIDER_TLS_PORT: 3443 });
  });

  it('refuses the sandbox defaults in production, one line per missing variable', () => {
    expect(problemsOf(() => loadXroadConfig({ LUPAFLOW_ENV: 'production' }))).toEqual([
      expect.stringMatching(/^XROAD_SECURITY_SERVER_URL is missing/), expect.stringMatching(/^XROAD_CLIENT_ID is missing/),
    ]);
    expect(problemsOf(() => loadProviderConfig({ LUPAFLOW_ENV: 'production' })).map((p) => p.split(' ')[0])).toEqual([
      'XROAD_PROVIDER_TLS_KEY_FILE', 'XROAD_PROVIDER_TLS_CERT_FILE', 'XROAD_SECURITY_SERVER_CERT_FILE',
    ]);
    expect(problemsOf(() => loadXroadConfig({ LUPAFLOW_ENV: 'production', XROAD_SECURITY_SERVER_URL: 'https://ss.example.fi:8443', XROAD_CLIENT_ID: 'FI/GOV/0245437-2/lupaflow' }))).toEqual([]);
  });

  it('names each bad value: a client id without a subsystem or with a wrong business id check digit, a port, a timeout', () => {
    expect(problemsOf(() => loadXroadConfig({ XROAD_CLIENT_ID: 'FI-TEST/GOV/1234567-2/lupaflow', XROAD_TIMEOUT_MS: 'soon' })).map((p) => p.split(' ')[0]))
      .toEqual(['XROAD_CLIENT_ID', 'XROAD_TIMEOUT_MS']);
    expect(problemsOf(() => loadXroadConfig({ XROAD_CLIENT_ID: 'FI-TEST/GOV/1234567-1' }))[0]).toMatch(/^XROAD_CLIENT_ID is invalid: expected INSTANCE\/CLASS\/CODE\/SUBSYSTEM/);
    expect(problemsOf(() => loadProviderConfig({ XROAD_PROVIDER_PORT: '70000' }))[0]).toMatch(/^XROAD_PROVIDER_PORT is invalid/);
    expect(problemsOf(() => loadXroadConfig({ XROAD_CLIENT_TLS_KEY_FILE: '/etc/lupaflow/xroad-client.key.pem' }))).toEqual([expect.stringMatching(/^XROAD_CLIENT_TLS_KEY_FILE and XROAD_CLIENT_TLS_CERT_FILE go together/)]);
    // Longer than the send activity's own 90 s limit less its bookkeeping: every attempt would be cut off.
    expect(problemsOf(() => loadXroadConfig({ XROAD_TIMEOUT_MS: '120000' }))[0]).toMatch(/^XROAD_TIMEOUT_MS is invalid/);
  });

  it('opens no plain HTTP listener in production unless XROAD_PROVIDER_PORT is set: that listener takes X-Road-Client on trust', async () => {
    const dir = testDataDir('xroad-prod-');
    const files = Object.fromEntries(['key', 'cert', 'ss'].map((name) => [name, path.join(dir, `${name}.pem`)]));
    const own = generateSelfSignedCertificate('provider', 1, 1024);
    fs.writeFileSync(files.key, own.keyPem);
    fs.writeFileSync(files.cert, own.certPem);
    fs.writeFileSync(files.ss, generateSelfSignedCertificate('security server', 1, 1024).certPem);
    const production = {
      LUPAFLOW_ENV: 'production', XROAD_PROVIDER_TLS_PORT: '0', XROAD_PROVIDER_TLS_KEY_FILE: files.key, XROAD_PROVIDER_TLS_CERT_FILE: files.cert, XROAD_SECURITY_SERVER_CERT_FILE: files.ss,
    };
    const config = loadProviderConfig(production);
    expect(config.XROAD_PROVIDER_PORT).toBeNull();
    expect(loadProviderConfig({ ...production, XROAD_PROVIDER_PORT: '3001' }).XROAD_PROVIDER_PORT).toBe(3001);

    const listeners = await startProviderListeners(express(), { httpPort: config.XROAD_PROVIDER_PORT, tlsPort: config.XROAD_PROVIDER_TLS_PORT, host: '127.0.0.1', tls: loadProviderTls(config, dir) });
    try {
      expect(listeners.urls).toEqual({ http: null, https: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/) });
    } finally {
      await listeners.stop();
    }
  });
});
