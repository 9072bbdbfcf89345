/**
 * The bench against a platform that runs elsewhere (the multi-node run, or an operator's test
 * environment): everything comes from the environment, nothing is started or stopped.
 *
 *   BENCH_API_URLS      every API instance, comma-separated (required; clients go round-robin)
 *   TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, DATABASE_URL   as the platform's own processes have them
 *   BENCH_WORKER_PIDS   the worker processes on this machine, comma-separated (memory figures; optional)
 *   BENCH_SANDBOX_URLS  the sandbox's URLs as a JSON object, e.g. {"authoritySystem":"http://…"} (optional)
 *   DATA_DIR            the platform's data dir on this machine, for CPU by process (optional)
 */
import { z } from 'zod';
import { parseEnv } from '../infra/config/env';
import { waitForHttpOk } from '../infra/launcher/wait-for-http';
import type { BenchPlatform } from './platform';

const commaList = z.string().transform((raw) => raw.split(',').map((s) => s.trim()).filter(Boolean));

const externalShape = {
  BENCH_API_URLS: commaList.pipe(z.array(z.url()).min(1, 'name at least one API URL')),
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'expected host:port'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected postgres://…'),
  BENCH_WORKER_PIDS: z.string().regex(/^\s*[1-9]\d*(\s*,\s*[1-9]\d*)*\s*$/, 'expected process ids, comma-separated')
    .transform((raw) => raw.split(',').map(Number)).default([]),
  BENCH_SANDBOX_URLS: z.string()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected a JSON object of name → URL' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), z.url()))
    .default({}),
  DATA_DIR: z.string().default(''),
};

/** How long each API instance gets to answer /health before the bench gives up on it. */
const HEALTH_TIMEOUT_MS = 10_000;

/** A BenchPlatform for the running platform the environment names; fails naming the instance whose /health does not answer. */
export async function connectExternalPlatform(env: NodeJS.ProcessEnv = process.env, healthTimeoutMs = HEALTH_TIMEOUT_MS): Promise<BenchPlatform> {
  const settings = parseEnv(externalShape, env);
  const apiUrls = settings.BENCH_API_URLS.map((url) => url.replace(/\/$/, ''));
  await Promise.all(apiUrls.map((url) => waitForHttpOk(`${url}/health`, healthTimeoutMs)));
  return {
    apiUrl: apiUrls[0],
    apiUrls,
    workerPids: settings.BENCH_WORKER_PIDS,
    sandboxUrls: settings.BENCH_SANDBOX_URLS,
    external: true,
    temporalAddress: settings.TEMPORAL_ADDRESS,
    temporalNamespace: settings.TEMPORAL_NAMESPACE,
    databaseUrl: settings.DATABASE_URL,
    dataDir: settings.DATA_DIR,
    startupMs: 0,
    // Its processes are the operator's (or the multi-node run's) to watch; the bench never sees them die.
    failed: new Promise<string>(() => undefined),
    stop: async () => undefined,
  };
}
