import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { createExchangeLog } from '../../activities/palveluvayla';
import { createServiceCatalogue } from '../../activities/store';
import type { Logger } from '../../infra/logger';
import { version } from '../../package.json';
import type { ProviderConfig } from './config';
import { startProviderListeners, type ProviderListeners } from './listener';
import { createProviderApp } from './provider-app';
import { loadProviderTls } from './tls';

export { loadProviderConfig, type ProviderConfig } from './config';
export type { ProviderListeners } from './listener';

/**
 * Starts the X-Road provider listeners of the API process: plain HTTP, and HTTPS with the security
 * server's client certificate when that certificate is known (always in production).
 */
export async function startXroadProvider(deps: {
  config: ProviderConfig; clientId: string; dataDir: string; db: Knex; temporal: Client; logger: Logger; host?: string;
}): Promise<ProviderListeners> {
  const app = createProviderApp({
    db: deps.db, temporal: deps.temporal, services: createServiceCatalogue(deps.db), exchangeLog: createExchangeLog(deps.db),
    logger: deps.logger, clientId: deps.clientId, version,
  });
  const tls = loadProviderTls(deps.config, deps.dataDir);
  if (!tls) deps.logger.warn({ event: 'xroad_provider_tls_off' }, 'X-Road provider: no security server certificate (XROAD_SECURITY_SERVER_CERT_FILE), HTTPS listener not started');
  return startProviderListeners(app, { httpPort: deps.config.XROAD_PROVIDER_PORT, tlsPort: deps.config.XROAD_PROVIDER_TLS_PORT, host: deps.host, tls });
}
