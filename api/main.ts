/**
 * The API process: validates its configuration, connects to PostgreSQL and Temporal, serves HTTP on
 * API_PORT, and on SIGTERM/SIGINT stops accepting, lets requests in flight finish, closes its
 * connections and exits 0.
 */
import http from 'node:http';
import { loadCoreConfig } from '../infra/config/core';
import { ConfigError } from '../infra/config/env';
import { createDb } from '../infra/db';
import { logger } from '../infra/logger';
import { createPiiCrypto } from '../infra/pii';
import { connectClient } from '../infra/temporal/connection';
import { startTracing } from '../infra/telemetry/tracing';
import { loadPtvConfig } from '../activities/ptv/config';
import { valtuudetDepsFromEnv } from '../activities/valtuudet';
import { loadXroadConfig } from '../activities/palveluvayla';
import { createApp } from './app';
import { answerClientErrors } from './client-errors';
import { loadApiConfig } from './config';
import { loadProviderConfig, startXroadProvider } from './palveluvayla';
import { createAuthModule } from './session/auth-module';

// Requests still running after this long on shutdown are cut off, so a stuck client cannot block a deploy.
const SHUTDOWN_GRACE_MS = 15_000;

async function main(): Promise<void> {
  const config = { ...loadCoreConfig(), ...loadApiConfig() };
  // Before the Temporal client exists: its calls join the requests' traces.
  const tracing = startTracing('lupaflow-api');
  const db = createDb(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX });
  const pii = createPiiCrypto(config.PII_ENCRYPTION_KEYS, config.PII_HASH_KEY);
  const auth = createAuthModule({ config, db, pii }); // validates the SAML settings (ConfigError)
  const ptv = loadPtvConfig();
  const valtuudet = valtuudetDepsFromEnv(db, config);
  const xroad = { provider: loadProviderConfig(), clientId: loadXroadConfig().XROAD_CLIENT_ID };
  const temporal = await connectClient(config);
  const server = http.createServer(createApp({ config, db, temporal, auth, logger, ptv, valtuudet }));
  answerClientErrors(server);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.API_PORT, resolve);
  });
  logger.info({ event: 'api_started', port: config.API_PORT, public_base_url: config.PUBLIC_BASE_URL }, 'API listening');
  // Authority systems' messages arrive through the security server on listeners of their own (specs/xroad.md A6).
  const xroadProvider = await startXroadProvider({ config: xroad.provider, clientId: xroad.clientId, dataDir: config.DATA_DIR, db, temporal, logger });
  logger.info({ event: 'xroad_provider_started', urls: xroadProvider.urls }, 'X-Road provider listening');

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: 'api_stopping', signal }, 'API stopping');
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    server.close(async () => {
      clearTimeout(force);
      await xroadProvider.stop();
      await Promise.allSettled([db.destroy(), temporal.connection.close(), tracing?.shutdown()]);
      logger.info({ event: 'api_stopped' }, 'API stopped');
      process.exit(0);
    });
    // Keep-alive connections with no request in flight would hold close() open.
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else logger.error({ event: 'api_failed', err }, 'API failed to start');
  process.exit(1);
});
