import { ConfigError } from '../../infra/config/env';
import { loadLauncherConfig } from '../../infra/launcher/config';
import { generateCoreSecrets } from '../../infra/launcher/dev-secrets';

/** A complete, valid development environment, so each test breaks exactly what it names. */
function validEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { LUPAFLOW_ENV: 'development', ...generateCoreSecrets(), ...overrides };
}

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadLauncherConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('launcher configuration (issue 2)', () => {
  it('accepts a complete development environment and fills in the default ports', () => {
    const config = loadLauncherConfig(validEnv());
    expect(config.EMBEDDED_TEMPORAL_PORT).toBe(7233);
    expect(config.EMBEDDED_PG_PORT).toBe(5433);
    expect(config.core.API_PORT).toBe(3000);
  });

  it('reports one line per bad value, each naming its variable, all at once', () => {
    const problems = problemsOf(validEnv({
      API_PORT: 'eighty',
      EMBEDDED_PG_PORT: '70000',
      TEMPORAL_ADDRESS: 'no-port-here',
      DATABASE_URL: 'mysql://db/lupaflow',
      LUPAFLOW_ENV: 'staging',
      PII_HASH_KEY: Buffer.alloc(16).toString('base64'),
    }));
    expect(problems).toHaveLength(6);
    for (const name of ['API_PORT', 'EMBEDDED_PG_PORT', 'TEMPORAL_ADDRESS', 'DATABASE_URL', 'LUPAFLOW_ENV', 'PII_HASH_KEY']) {
      expect(problems.filter((line) => line.startsWith(`${name} `))).toHaveLength(1);
    }
    expect(problems.find((line) => line.startsWith('PII_HASH_KEY'))).toMatch(/32 bytes/);
  });

  it('says which secrets are missing without printing any value', () => {
    const secret = generateCoreSecrets().PAYLOAD_CODEC_KEYS;
    const problems = problemsOf({ LUPAFLOW_ENV: 'development', PAYLOAD_CODEC_KEYS: `${secret},broken` });
    expect(problems.map((line) => line.split(' ')[0]).sort()).toEqual(['PAYLOAD_CODEC_KEYS', 'PII_ENCRYPTION_KEYS', 'PII_HASH_KEY']);
    expect(problems.join('\n')).not.toContain(secret.split(':')[1]);
  });

  it('in production requires external Temporal, PostgreSQL, IdP metadata and SP keys instead of starting embedded ones', () => {
    const problems = problemsOf(validEnv({ LUPAFLOW_ENV: 'production' }));
    expect(problems.map((line) => line.split(' ')[0]).sort()).toEqual([
      'DATABASE_URL', 'SAML_SP_CERT_FILE', 'SAML_SP_KEY_FILE', 'SUOMIFI_IDP_METADATA', 'TEMPORAL_ADDRESS', 'VIRTU_IDP_METADATA',
    ]);
  });

  it('accepts production when everything is given', () => {
    const config = loadLauncherConfig(validEnv({
      LUPAFLOW_ENV: 'production',
      TEMPORAL_ADDRESS: 'lupaflow.a1b2c.tmprl.cloud:7233',
      DATABASE_URL: 'postgres://lupaflow@db.internal:5432/lupaflow',
      SUOMIFI_IDP_METADATA: 'https://testi.apro.tunnistus.fi/static/metadata/idp-metadata.xml',
      VIRTU_IDP_METADATA: '/etc/lupaflow/virtu-idp.xml',
      SAML_SP_KEY_FILE: '/etc/lupaflow/sp.key',
      SAML_SP_CERT_FILE: '/etc/lupaflow/sp.crt',
    }));
    expect(config.core.LUPAFLOW_ENV).toBe('production');
  });
});
