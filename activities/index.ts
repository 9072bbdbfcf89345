import type { Knex } from 'knex';
import type { Logger } from '../infra/logger';
import { createVerifySession } from './sessions/verify-session';
import { createStoreActivities } from './store';

export interface ActivityDeps {
  db: Knex;
  logger: Logger;
}

/** Every activity the application workflow calls, bound to their dependencies (the worker registers these). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createStoreActivities(deps.db, deps.logger),
    verifySession: createVerifySession(deps.db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
