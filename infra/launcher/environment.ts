import path from 'node:path';
import { loadLauncherConfig, type LauncherConfig } from './config';
import { ensureDevSecrets } from './dev-secrets';

/** What the launcher must start itself because the configuration does not point elsewhere. */
export interface EmbeddedWanted {
  temporal: boolean;
  postgres: boolean;
  sandbox: boolean;
}

/**
 * Builds the environment the platform runs with from `base`: absolute DATA_DIR, and in development
 * and test the generated dev secrets and a PUBLIC_BASE_URL matching API_PORT; then validates it
 * (ConfigError) and says what has to run embedded.
 */
export function prepareEnvironment(base: NodeJS.ProcessEnv, dataDir?: string): { env: NodeJS.ProcessEnv; config: LauncherConfig; want: EmbeddedWanted } {
  const env: NodeJS.ProcessEnv = { ...base };
  env.DATA_DIR = path.resolve(dataDir ?? (env.DATA_DIR || '.data'));
  if (['', 'development', 'test'].includes(env.LUPAFLOW_ENV ?? '')) {
    // SAML redirects must come back to the port the API really listens on.
    if (/^\d+$/.test(env.API_PORT || '3000')) env.PUBLIC_BASE_URL ||= `http://localhost:${env.API_PORT || 3000}`;
    Object.assign(env, ensureDevSecrets(env.DATA_DIR, env));
  }
  const config = loadLauncherConfig(env);
  const want = {
    temporal: !env.TEMPORAL_ADDRESS,
    postgres: !env.DATABASE_URL,
    sandbox: config.core.LUPAFLOW_ENV !== 'production' && (!env.SUOMIFI_IDP_METADATA || !env.VIRTU_IDP_METADATA),
  };
  return { env, config, want };
}

/** The children's environment: everything but what only the launcher uses. */
export function childEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { EMBEDDED_PG_PASSWORD: _launcherOnly, ...rest } = env;
  return rest;
}
