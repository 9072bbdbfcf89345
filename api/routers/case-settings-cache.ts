/**
 * The service settings a case runs with, as its workflow loaded them when it opened: they never change
 * after that (workflows/application/case.ts open()), so each API process keeps the most recent ones
 * instead of querying the workflow on every draft save, upload, submission and supplement. One cache per
 * Temporal client, so two API apps in one process (tests) never share one.
 */
import type { Client } from '@temporalio/client';
import type { ServiceSettings } from '../../workflows/application/messages';

/** Enough for the cases being filled in at once on one API process; least recently used go first. */
const MAX_CASES = 5000;

const caches = new WeakMap<Client, Map<string, ServiceSettings>>();

export function caseSettingsCache(client: Client) {
  let cache = caches.get(client);
  if (!cache) caches.set(client, (cache = new Map()));
  const entries = cache;
  return {
    get(applicationId: string): ServiceSettings | undefined {
      const settings = entries.get(applicationId);
      if (settings) {
        entries.delete(applicationId);
        entries.set(applicationId, settings);
      }
      return settings;
    },
    set(applicationId: string, settings: ServiceSettings): void {
      entries.set(applicationId, settings);
      if (entries.size > MAX_CASES) entries.delete(entries.keys().next().value as string);
    },
  };
}
