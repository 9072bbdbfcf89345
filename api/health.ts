import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';

/** A named probe of one dependency; resolves when it is usable, throws (with a safe message) when not. */
export type HealthCheck = () => Promise<void>;

export interface HealthReport {
  status: 'ok' | 'failing';
  components: Record<string, { status: 'ok' | 'failing'; latencyMs: number; message?: string }>;
}

const TIMEOUT_MS = 3000;

/** Probes of the platform's own dependencies: the Temporal frontend and PostgreSQL. */
export function coreHealthChecks(temporal: Client, db: Knex): Record<string, HealthCheck> {
  return {
    temporal: async () => { await temporal.workflowService.getSystemInfo({}); },
    postgresql: async () => { await db.raw('select 1'); },
  };
}

/** Runs every probe in parallel, each bounded in time; the whole is ok only when every part is. */
export async function checkHealth(checks: Record<string, HealthCheck>): Promise<HealthReport> {
  const entries = await Promise.all(Object.entries(checks).map(async ([name, check]) => {
    const started = performance.now();
    try {
      await withTimeout(check(), TIMEOUT_MS);
      return [name, { status: 'ok' as const, latencyMs: elapsed(started) }] as const;
    } catch (err) {
      // Only the error's first line: enough to act on, and no stack or internals.
      const message = err instanceof Error ? err.message.split('\n')[0].slice(0, 200) : 'failed';
      return [name, { status: 'failing' as const, latencyMs: elapsed(started), message }] as const;
    }
  }));
  const components = Object.fromEntries(entries);
  const status = entries.every(([, c]) => c.status === 'ok') ? 'ok' : 'failing';
  return { status, components };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
