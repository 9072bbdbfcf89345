import { ConfigError } from '../../infra/config/env';
import { generateValtuudetCredentials } from '../../infra/valtuudet/dev-credentials';
import { loadValtuudetConfig } from '../../activities/valtuudet/config';

const problems = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadValtuudetConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('[#3] e-Authorizations configuration', () => {
  it('is off in development when no credentials are set, and points at the sandbox by default', () => {
    expect(loadValtuudetConfig({ LUPAFLOW_ENV: 'development' })).toBeUndefined();
    expect(loadValtuudetConfig({ LUPAFLOW_ENV: 'development', ...generateValtuudetCredentials() })?.baseUrl).toBe('http://127.0.0.1:4103');
  });

  it('names each missing credential once some are set', () => {
    const { VALTUUDET_CLIENT_ID } = generateValtuudetCredentials();
    expect(problems({ VALTUUDET_CLIENT_ID }).map((p) => p.split(' ')[0]).sort())
      .toEqual(['VALTUUDET_API_KEY', 'VALTUUDET_OAUTH_PASSWORD', 'VALTUUDET_REST_API_KEY']);
  });

  it('refuses a malformed client id without printing it', () => {
    const found = problems({ ...generateValtuudetCredentials(), VALTUUDET_CLIENT_ID: 'not-8-chars!' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^VALTUUDET_CLIENT_ID is invalid/);
    expect(found[0]).not.toContain('not-8-chars!');
  });

  it('in production requires every credential and the real service, not the sandbox', () => {
    expect(problems({ LUPAFLOW_ENV: 'production' }).map((p) => p.split(' ')[0]).sort()).toEqual([
      'VALTUUDET_API_KEY', 'VALTUUDET_BASE_URL', 'VALTUUDET_CLIENT_ID', 'VALTUUDET_OAUTH_PASSWORD', 'VALTUUDET_REST_API_KEY',
    ]);
    const creds = generateValtuudetCredentials();
    expect(problems({ LUPAFLOW_ENV: 'production', ...creds, VALTUUDET_BASE_URL: 'http://127.0.0.1:4103' })).toHaveLength(1);
    // Identity codes and credentials never go over plain http.
    expect(problems({ LUPAFLOW_ENV: 'production', ...creds, VALTUUDET_BASE_URL: 'http://asiointivaltuustarkastus.suomi.fi' }))
      .toEqual([expect.stringMatching(/^VALTUUDET_BASE_URL is invalid: .*https/)]);
    expect(loadValtuudetConfig({ LUPAFLOW_ENV: 'production', ...creds, VALTUUDET_BASE_URL: 'https://asiointivaltuustarkastus.suomi.fi' })?.baseUrl)
      .toBe('https://asiointivaltuustarkastus.suomi.fi');
  });
});
