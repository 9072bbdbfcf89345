import { z } from 'zod';
import { parseEnv } from '../infra/config/env';

/** How long a start waits for a worker to open the case, unless configured. */
export const DEFAULT_APPLICATION_START_TIMEOUT_MS = 15_000;

/** Settings of the API process only. Read once with `loadApiConfig()`, next to loadCoreConfig(). */
const apiShape = {
  /**
   * How long POST /api/v1/applications waits for the case to open (a worker runs the identity check)
   * before answering 503 with the application number; the case opens when a worker runs.
   */
  APPLICATION_START_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(DEFAULT_APPLICATION_START_TIMEOUT_MS),
};

export type ApiConfig = ReturnType<typeof loadApiConfig>;

/** Validates the API's own settings; throws ConfigError listing every bad value. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseEnv(apiShape, env);
}
