/**
 * `npm run bench`: the benchmark suite of issue 7. Runs the parts named in BENCH_PARTS (default all, in
 * the order below) on one platform of its own (or, with BENCH_API_URLS, on a running one), then prints
 * one JSON object `{ machine, startedAt, parts }` and a markdown table with every figure, its target and
 * met/missed. Progress goes to stderr.
 */
import './own-log-level';
import { z } from 'zod';
import { parseEnv } from '../infra/config/env';
import { onInterrupt } from '../infra/launcher/on-interrupt';
import type { BenchPart } from './part';
import { connectExternalPlatform } from './external-platform';
import { startBenchPlatform } from './platform';
import { formatSuiteTable, runSuite } from './suite-runner';

/** Every part, in the order the suite runs them: open-cases last, as it fills the platform with cases. */
const PART_NAMES = ['startup', 'login-cost', 'lifecycles', 'api-latency', 'open-cases'] as const;

const settingsShape = {
  BENCH_PARTS: z
    .string()
    .default(PART_NAMES.join(','))
    .transform((raw) => raw.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(PART_NAMES, { message: `each part must be one of ${PART_NAMES.join(', ')}` })).min(1)),
  /** API instances of a platform started elsewhere (multi-node): the suite then starts nothing. */
  BENCH_API_URLS: z.string().optional(),
};

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function loadPart(name: string): Promise<BenchPart> {
  const loaded = (await import(`./parts/${name}`)) as { part: BenchPart };
  return loaded.part;
}

async function main(): Promise<void> {
  const settings = parseEnv(settingsShape);
  // Run in the suite's order whatever order BENCH_PARTS names them in.
  const parts = await Promise.all(PART_NAMES.filter((name) => settings.BENCH_PARTS.includes(name)).map(loadPart));
  let cleanup: () => Promise<void> = async () => {};
  onInterrupt(() => cleanup(), progress, 'stopping the platform and removing its data dir');
  const outcome = await runSuite(parts, {
    progress,
    env: process.env,
    platform: async () => {
      if (settings.BENCH_API_URLS) {
        progress(`using the running platform at ${settings.BENCH_API_URLS}`);
        return connectExternalPlatform();
      }
      progress('starting a platform of its own (temp data dir, free ports)…');
      const platform = await startBenchPlatform((stop) => (cleanup = stop));
      progress(`healthy after ${platform.startupMs} ms`);
      return platform;
    },
  });
  console.log(JSON.stringify(outcome.report, null, 2));
  console.log(formatSuiteTable(outcome));
  if (outcome.failed) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`\nbench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
