import { z } from 'zod';

/** Thrown when the environment does not describe a runnable configuration; one line per bad value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses environment variables with a zod object schema whose keys are the variable names.
 * Every problem is reported at once, one line per variable, naming the variable and what is wrong
 * (never its value: it may be a secret).
 */
export function parseEnv<S extends z.ZodRawShape>(
  shape: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<S>> {
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    input[key] = value === '' ? undefined : value;
  }
  const result = z.object(shape).safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const given = input[String(issue.path[0])] === undefined ? 'is missing' : 'is invalid';
    return `${name} ${given}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** A comma-separated key ring `kid:base64key,kid2:base64key`; the first key is the active one. */
export const keyRing = (bytes: number) =>
  z.string().transform((raw, ctx) => {
    const keys = raw.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry) => {
      const [id, b64] = entry.split(':');
      return { id, key: Buffer.from(b64 ?? '', 'base64') };
    });
    if (keys.length === 0) ctx.addIssue({ code: 'custom', message: 'expected kid:base64key[,kid:base64key…]' });
    for (const k of keys) {
      if (!k.id || !/^[A-Za-z0-9._-]{1,32}$/.test(k.id)) {
        ctx.addIssue({ code: 'custom', message: 'each key needs an id of 1–32 letters, digits, . _ -' });
      } else if (k.key.length !== bytes) {
        ctx.addIssue({ code: 'custom', message: `key "${k.id}" must be ${bytes} bytes, base64-encoded` });
      }
    }
    return keys;
  });

/** A base64-encoded secret of exactly `bytes` bytes. */
export const secret = (bytes: number) =>
  z.string().transform((raw, ctx) => {
    const key = Buffer.from(raw, 'base64');
    if (key.length !== bytes) ctx.addIssue({ code: 'custom', message: `must be ${bytes} bytes, base64-encoded` });
    return key;
  });

/** A TCP port number given as a string. */
export const port = z.coerce.number().int().min(0).max(65535);
