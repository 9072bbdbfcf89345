import { loadPtvConfig } from '../../activities/ptv/config';
import { ConfigError } from '../../infra/config/env';
import { startPtvSandbox } from '../../sandbox/ptv';
import { startSandbox } from '../../sandbox';
import { testDataDir } from '../support/env';

describe('[#5] The sandbox PTV and the PTV configuration', () => {
  it('refuses to start in production, alone or with the other stand-ins', async () => {
    await expect(startPtvSandbox({ port: 0, platformBaseUrl: 'http://localhost:3000', users: [], production: true })).rejects.toThrow(/must not run in production/);
    await expect(startSandbox({ dataDir: testDataDir(), ports: { suomifi: 0, virtu: 0 }, production: true })).rejects.toThrow(/must not run in production/);
  });

  it('serves the v11 API next to the IdPs, on a free port unless one is named', async () => {
    const sandbox = await startSandbox({ dataDir: testDataDir(), ports: { suomifi: 0, virtu: 0 } });
    try {
      expect(sandbox.urls.ptv).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v11$/);
      const res = await fetch(`${sandbox.urls.ptv}/Organization/c1b5c3a4-1f0e-4d57-9a5e-0a1b2c3d4e02`);
      expect(await res.json()).toMatchObject({ businessCode: '1021277-9', organizationNames: expect.arrayContaining([{ language: 'fi', value: 'Turvallisuus- ja kemikaalivirasto', type: 'Name' }]) });
      expect((await fetch(sandbox.urls.ptv.replace('v11', 'v7') + '/Service')).status).toBe(404);
    } finally {
      await sandbox.stop();
    }
  });

  it('points at the sandbox in development, and makes production name the real PTV and its API user', () => {
    const dev = loadPtvConfig({ LUPAFLOW_ENV: 'development' });
    expect(dev).toMatchObject({ PTV_BASE_URL: 'http://127.0.0.1:4104/api/v11', PTV_SYNC_INTERVAL: '5m' });
    let problems: string[] = [];
    try {
      loadPtvConfig({ LUPAFLOW_ENV: 'production', PTV_BASE_URL: 'https://api.palvelutietovaranto.suomi.fi/api/v11', PTV_SYNC_INTERVAL: 'often', ONBOARDING_RECHECK_INTERVAL: '0s' });
    } catch (err) {
      problems = (err as ConfigError).problems;
    }
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^PTV_SYNC_INTERVAL is invalid/),
      expect.stringMatching(/^ONBOARDING_RECHECK_INTERVAL is invalid/),
      expect.stringMatching(/^PTV_TOKEN_URL is missing/),
      expect.stringMatching(/^PTV_PASSWORD is missing/),
      expect.stringMatching(/^PTV_ORGANISATION is missing/),
    ]));
    expect(problems.some((p) => p.startsWith('PTV_BASE_URL'))).toBe(false);
  });
});
