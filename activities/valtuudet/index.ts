import type { Knex } from 'knex';
import { createPiiCrypto, type PiiCrypto } from '../../infra/pii';
import type { CoreConfig } from '../../infra/config/core';
import { createCheckMandate } from './check-mandate';
import { createValtuudetClient, type ValtuudetClient } from './client';
import { loadValtuudetConfig, type ValtuudetConfig } from './config';
import { createSelectionStore, type SelectionStore } from './selections';

export { ValtuudetError, type ValtuudetClient } from './client';
export type { SelectionStore, SelectionView } from './selections';

/** What acting for others needs in the API and the worker: the client, the PII crypto and the choices store. */
export interface ValtuudetDeps { client: ValtuudetClient; pii: PiiCrypto; selections: SelectionStore }

export function createValtuudetDeps(db: Knex, config: ValtuudetConfig, pii: PiiCrypto): ValtuudetDeps {
  return { client: createValtuudetClient(config), pii, selections: createSelectionStore(db, pii) };
}

/** From VALTUUDET_* (activities/valtuudet/config.ts); undefined when acting for others is off (development without credentials). */
export function valtuudetDepsFromEnv(db: Knex, core: Pick<CoreConfig, 'PII_ENCRYPTION_KEYS' | 'PII_HASH_KEY'>, env: NodeJS.ProcessEnv = process.env): ValtuudetDeps | undefined {
  const config = loadValtuudetConfig(env);
  return config && createValtuudetDeps(db, config, createPiiCrypto(core.PII_ENCRYPTION_KEYS, core.PII_HASH_KEY));
}

/** The mandate check activity; without deps it fails retryably, so cases wait for a configured worker. */
export function createValtuudetActivities(db: Knex, deps: ValtuudetDeps | undefined) {
  return { checkMandate: createCheckMandate(deps && { db, ...deps }) };
}
