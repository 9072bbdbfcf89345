import type { z } from 'zod';
import { ConfigError, parseEnv } from './env';

/**
 * parseEnv, and in production also a line for each of `required` that is unset: there, the
 * development defaults (sandbox URLs, ids, generated files) must never apply. Every problem is
 * reported at once.
 */
export function parseEnvForProduction<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv, required: readonly (keyof S & string)[], why: string): z.infer<z.ZodObject<S>> {
  const missing = env.LUPAFLOW_ENV !== 'production' ? [] : required.filter((name) => !env[name]).map((name) => `${name} is missing: ${why}`);
  let config;
  try {
    config = parseEnv(shape, env);
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError([...err.problems, ...missing]);
    throw err;
  }
  if (missing.length > 0) throw new ConfigError(missing);
  return config;
}
