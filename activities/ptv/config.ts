import { z } from 'zod';
import { parseEnvForProduction } from '../../infra/config/production';
import { loadXroadConfig } from '../palveluvayla/config';

/** Where the sandbox PTV listens by default (infra/launcher: SANDBOX_PTV_PORT 4104). */
export const SANDBOX_PTV_ORIGIN = 'http://127.0.0.1:4104';
/** The organisation of the sandbox's API user (the Lupa- ja valvontavirasto fixture). */
export const SANDBOX_PTV_ORGANISATION = 'c1b5c3a4-1f0e-4d57-9a5e-0a1b2c3d4e01';

// A positive duration: a schedule or a re-check every 0s would be refused by Temporal or spin.
const duration = z.string().regex(/^[1-9]\d*(s|m|h|d)$/, 'expected a duration such as 30s, 5m, 6h or 1d');

const ptvShape = {
  LUPAFLOW_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** The v11 base, …/api/v11. */
  PTV_BASE_URL: z.url().default(`${SANDBOX_PTV_ORIGIN}/api/v11`),
  PTV_TOKEN_URL: z.url().default(`${SANDBOX_PTV_ORIGIN}/api/auth/api-login`),
  /** The organisation-specific API user of the write API (DVV-issued); unset: read-only. */
  PTV_USERNAME: z.string().min(1).optional(),
  PTV_PASSWORD: z.string().min(1).optional(),
  /** The PTV organisation of the API user, which owns the platform's e-service channel. */
  PTV_ORGANISATION: z.uuid().default(SANDBOX_PTV_ORGANISATION),
  /** How often the catalogue is synchronised from PTV (the Temporal schedule's interval). */
  PTV_SYNC_INTERVAL: duration.default('5m'),
  /** How often an unfinished onboarding re-checks itself. */
  ONBOARDING_RECHECK_INTERVAL: duration.default('1h'),
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
};

export type PtvConfig = ReturnType<typeof loadPtvConfig>;

/**
 * The PTV integration's settings, plus the X-Road client settings the onboarding's metadata check
 * uses (activities/palveluvayla/config.ts). Development defaults point at the sandbox; production must
 * name the real PTV and its API user (ConfigError, one line per variable).
 */
export function loadPtvConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = parseEnvForProduction(ptvShape, env, ['PTV_BASE_URL', 'PTV_TOKEN_URL', 'PTV_USERNAME', 'PTV_PASSWORD', 'PTV_ORGANISATION'], 'production does not use the sandbox PTV');
  const xroad = loadXroadConfig(env);
  return { ...config, XROAD_SECURITY_SERVER_URL: xroad.XROAD_SECURITY_SERVER_URL, XROAD_CLIENT_ID: xroad.XROAD_CLIENT_ID };
}
