import { z } from 'zod';
import { ConfigError, parseEnv } from '../../infra/config/env';

/** Where the sandbox stand-in listens by default (SANDBOX_VALTUUDET_PORT). */
export const SANDBOX_VALTUUDET_URL = 'http://127.0.0.1:4103';

const shape = {
  LUPAFLOW_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** One host serves /oauth/* and /service/* (customer test: https://asiointivaltuustarkastus.test.suomi.fi). */
  VALTUUDET_BASE_URL: z.url().default(SANDBOX_VALTUUDET_URL),
  /** Web API Client ID from onboarding: 8 letters or digits. */
  VALTUUDET_CLIENT_ID: z.string().regex(/^[A-Za-z0-9]{8}$/, 'expected the 8-character Web API Client ID').optional(),
  /** HMAC key of the checksum header. */
  VALTUUDET_API_KEY: z.string().min(8).optional(),
  /** client_secret of the token endpoint. */
  VALTUUDET_OAUTH_PASSWORD: z.string().min(8).optional(),
  /** The separate key of the server-to-server Authorization REST API (person checks). */
  VALTUUDET_REST_API_KEY: z.string().min(8).optional(),
  /** Per-request timeout of every call, ms. */
  VALTUUDET_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
};

// Where the sandbox runs: never the production service.
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

const CREDENTIALS = ['VALTUUDET_CLIENT_ID', 'VALTUUDET_API_KEY', 'VALTUUDET_OAUTH_PASSWORD', 'VALTUUDET_REST_API_KEY'] as const;

/** Validated e-Authorizations settings, credentials included. */
export interface ValtuudetConfig {
  baseUrl: string;
  clientId: string;
  apiKey: string;
  oauthPassword: string;
  restApiKey: string;
  timeoutMs: number;
}

/**
 * Reads the VALTUUDET_* settings. Undefined when no credentials are set outside production (acting for
 * others is then off: its routes answer 503); production requires every value and a non-sandbox URL.
 */
export function loadValtuudetConfig(env: NodeJS.ProcessEnv = process.env): ValtuudetConfig | undefined {
  const c = parseEnv(shape, env);
  const production = c.LUPAFLOW_ENV === 'production';
  const missing = CREDENTIALS.filter((name) => !c[name]);
  if (!production && missing.length === CREDENTIALS.length) return undefined;
  const problems = missing.map((name) => `${name} is missing: acting for others needs every e-Authorizations credential`);
  if (production && (!env.VALTUUDET_BASE_URL || LOOPBACK.includes(new URL(c.VALTUUDET_BASE_URL).hostname))) {
    problems.push('VALTUUDET_BASE_URL is missing: production must name the real Suomi.fi e-Authorizations service, not the sandbox');
  } else if (production && new URL(c.VALTUUDET_BASE_URL).protocol !== 'https:') {
    // Every call carries identity codes in its path and a key, token or password in its headers.
    problems.push('VALTUUDET_BASE_URL is invalid: production must reach Suomi.fi e-Authorizations over https');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    baseUrl: c.VALTUUDET_BASE_URL.replace(/\/$/, ''),
    clientId: c.VALTUUDET_CLIENT_ID!,
    apiKey: c.VALTUUDET_API_KEY!,
    oauthPassword: c.VALTUUDET_OAUTH_PASSWORD!,
    restApiKey: c.VALTUUDET_REST_API_KEY!,
    timeoutMs: c.VALTUUDET_TIMEOUT_MS,
  };
}
