import { AsyncLocalStorage } from 'node:async_hooks';

/** Ids that tie a log line to what it was written for: `requestId` (API), `workflowId`, `runId`, `activityType`, `attempt` (worker). */
export type LogFields = Readonly<Record<string, string | number | undefined>>;

const store = new AsyncLocalStorage<LogFields>();

/** Runs `fn` with `fields` added to every log line written inside it, however deep (infra/logger.ts mixin). */
export function withLogFields<T>(fields: LogFields, fn: () => T): T {
  return store.run(fields, fn);
}

/** The fields of the code running now; empty outside a request or an activity. Ids only, never personal data. */
export function currentLogFields(): LogFields {
  return store.getStore() ?? {};
}
