import { z } from 'zod';
import { keyRing, parseEnv, port, secret } from './env';

/** Settings every lupaflow process shares. Read once per process with `loadCoreConfig()`. */
const coreShape = {
  /** `production` refuses sandboxes and generated secrets; `development` and `test` allow them. */
  LUPAFLOW_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where embedded services, generated dev keys and sandbox certificates live. */
  DATA_DIR: z.string().default('.data'),
  /** The API's public origin, used in SAML metadata, redirects and cookies. */
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  API_PORT: port.default(3000),

  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'expected host:port').default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_API_KEY: z.string().optional(),
  /** Paths to PEM files for mTLS to a Temporal cluster. */
  TEMPORAL_TLS_CERT: z.string().optional(),
  TEMPORAL_TLS_KEY: z.string().optional(),
  TEMPORAL_TLS_CA: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('lupaflow-applications'),

  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected postgres://…').default('postgres://lupaflow@127.0.0.1:5433/lupaflow'),
  /** Connections each process may open (API and worker alike): N processes × this must stay under the server's max_connections. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),

  /** AES-256-GCM keys for Temporal payloads (`kid:base64`, first active, others decrypt only). */
  PAYLOAD_CODEC_KEYS: keyRing(32),
  /** AES-256-GCM keys for personal data at rest in PostgreSQL (identity codes). */
  PII_ENCRYPTION_KEYS: keyRing(32),
  /** HMAC-SHA256 key for looking up identity codes by keyed hash. */
  PII_HASH_KEY: secret(32),
};

export type CoreConfig = ReturnType<typeof loadCoreConfig>;

/** Validates the shared settings; throws ConfigError listing every bad value. */
export function loadCoreConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseEnv(coreShape, env);
}
