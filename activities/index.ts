import type { Knex } from 'knex';
import type { Logger } from '../infra/logger';
import { createNotificationActivities, type NotificationDeps } from './notifications';
import { createPalveluvaylaActivities, type PalveluvaylaClient } from './palveluvayla';
import { createPtvActivities, type PtvDeps } from './ptv';
import { createVerifySession } from './sessions/verify-session';
import { createStoreActivities } from './store';
import { createValtuudetActivities, type ValtuudetDeps } from './valtuudet';

export interface ActivityDeps {
  db: Knex;
  logger: Logger;
  /** The Service Catalogue (PTV) client and onboarding settings (activities/ptv createPtvDeps). */
  ptv: PtvDeps;
  /** The Suomi.fi-palveluväylä (X-Road) client (activities/palveluvayla palveluvaylaFromEnv). */
  palveluvayla: PalveluvaylaClient;
  /** Suomi.fi e-Authorizations (activities/valtuudet valtuudetDepsFromEnv); absent: mandate checks wait for a worker that has it. */
  valtuudet?: ValtuudetDeps;
  /** E-mail notifications: the SMTP relay, PII keys and public address (activities/notifications notificationDepsFromEnv). */
  notifications: NotificationDeps;
}

/** Every activity the application workflow calls, bound to their dependencies (the worker registers these). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createStoreActivities(deps.db, deps.logger),
    verifySession: createVerifySession(deps.db),
    ...createPtvActivities(deps.db, deps.ptv, deps.logger),
    ...createPalveluvaylaActivities(deps.db, deps.palveluvayla, deps.logger),
    ...createValtuudetActivities(deps.db, deps.valtuudet),
    ...createNotificationActivities(deps.db, deps.notifications, deps.logger),
  };
}

export type Activities = ReturnType<typeof createActivities>;
