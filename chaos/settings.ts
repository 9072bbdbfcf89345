/** The chaos run's settings (CHAOS_*), validated like every other configuration (one line per bad value). */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { parseEnv } from '../infra/config/env';

const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const chaosShape = {
  /** Applications per mode (portal and xroad): 250 gives the 500 in all. */
  CHAOS_N: count(1, 100_000).default(250),
  /** Seeds the fault plan and its timings; printed, so a run can be repeated. Default: random. */
  CHAOS_SEED: count(0, 2 ** 31 - 1).optional(),
  /** Applications driven at the same time. */
  CHAOS_CONCURRENCY: count(1, 200).default(12),
  /** Worker processes (each may be killed). */
  CHAOS_WORKERS: count(1, 8).default(1),
  /** SIGKILLs of each process kind (worker, API, Temporal, PostgreSQL). */
  CHAOS_KILLS: count(0, 100).default(3),
  /** Faults of each mode (drop, delay, duplicate, fail-after-delivery) on each security server. */
  CHAOS_XROAD_FAULTS: count(0, 100).default(2),
  /** How long one user step may keep failing before the driver names the application stuck. */
  CHAOS_STEP_TIMEOUT_MS: count(1_000, 3_600_000).default(300_000),
  /** After the drive: how long to wait for every message to be delivered and every case to settle. */
  CHAOS_SETTLE_TIMEOUT_MS: count(1_000, 3_600_000).default(180_000),
};

export type ChaosSettings = Omit<z.infer<z.ZodObject<typeof chaosShape>>, 'CHAOS_SEED'> & { CHAOS_SEED: number };

export function loadChaosSettings(env: NodeJS.ProcessEnv = process.env): ChaosSettings {
  const parsed = parseEnv(chaosShape, env);
  return { ...parsed, CHAOS_SEED: parsed.CHAOS_SEED ?? randomInt(2 ** 31 - 1) };
}
