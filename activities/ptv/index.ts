import type { Knex } from 'knex';
import type { Logger } from '../../infra/logger';
import type { PtvCatalogueApi } from './catalogue-api';
import { createPtvClient } from './client';
import { loadPtvConfig, type PtvConfig } from './config';
import { createConnectPlatformChannel } from './connect-platform-channel';
import { createOnboardingChecks, type OnboardingSettings } from './onboarding-checks';
import { createPtvSyncActivities } from './sync';

/** What the PTV activities need besides the database: the client and the onboarding's settings. */
export interface PtvDeps {
  client: PtvCatalogueApi;
  onboarding: OnboardingSettings;
}

/** The PTV integration's dependencies from its configuration (activities/ptv/config.ts). */
export function createPtvDeps(config: PtvConfig): PtvDeps {
  return {
    client: createPtvClient(config),
    onboarding: {
      organisationId: config.PTV_ORGANISATION,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      xroad: { securityServerUrl: config.XROAD_SECURITY_SERVER_URL, clientId: config.XROAD_CLIENT_ID },
    },
  };
}

/** The catalogue sync and onboarding activities. */
export function createPtvActivities(db: Knex, deps: PtvDeps, log: Logger) {
  return {
    ...createPtvSyncActivities(db, deps.client, log),
    runOnboardingChecks: createOnboardingChecks(db, deps.client, deps.onboarding),
    connectPlatformChannel: createConnectPlatformChannel(db, deps.client, deps.onboarding),
  };
}

/** The PTV dependencies from the environment (defaults: the sandbox PTV). */
export const ptvDepsFromEnv = (env: NodeJS.ProcessEnv = process.env): PtvDeps => createPtvDeps(loadPtvConfig(env));
