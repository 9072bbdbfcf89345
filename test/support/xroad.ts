import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { createPalveluvaylaClient, loadXroadConfig, type PalveluvaylaClient } from '../../activities/palveluvayla';
import { loadProviderConfig, startXroadProvider, type ProviderListeners } from '../../api/palveluvayla';
import { logger } from '../../infra/logger';
import { startXroadSandbox, type RunningXroadSandbox } from '../../sandbox/xroad';
import { loadOrCreateSecurityServerKeys, securityServerCertFile } from '../../sandbox/xroad/keys';

/** The X-Road part of a test stack: the sandbox security servers and authority system, the platform's client and provider. */
export interface XroadForStack {
  sandbox: RunningXroadSandbox;
  /** The client the stack's worker sends with (through the sandbox platform security server). */
  client: PalveluvaylaClient;
  /** The provider listeners as now running; `restartProvider` replaces them on the same ports. */
  provider: ProviderListeners;
  /** Stops the provider listeners (as the API process going down); `startProvider` brings them back. */
  stopProvider(): Promise<void>;
  startProvider(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the provider listeners on free ports (HTTPS trusting the sandbox security server's
 * certificate), then the sandbox with the platform's service pointing at the HTTPS listener, as in
 * development. The authority system is driven by hand (auto off) unless `auto` is given.
 */
export async function startXroadForStack(deps: { db: Knex; temporal: Client; dataDir: string; auto?: boolean }): Promise<XroadForStack> {
  loadOrCreateSecurityServerKeys(deps.dataDir);
  const clientId = loadXroadConfig({}).XROAD_CLIENT_ID;
  const ports = { http: 0, tls: 0 };
  const startProvider = async () => {
    const listeners = await startXroadProvider({
      config: loadProviderConfig({ XROAD_PROVIDER_PORT: String(ports.http), XROAD_PROVIDER_TLS_PORT: String(ports.tls), XROAD_SECURITY_SERVER_CERT_FILE: securityServerCertFile(deps.dataDir) }),
      clientId, dataDir: deps.dataDir, db: deps.db, temporal: deps.temporal, logger, host: '127.0.0.1',
    });
    ports.http = Number(new URL(listeners.urls.http as string).port);
    ports.tls = Number(new URL(listeners.urls.https as string).port);
    return listeners;
  };
  let provider = await startProvider();
  try {
    const sandbox = await startXroadSandbox({
      dataDir: deps.dataDir, host: '127.0.0.1', ports: { platformSecurityServer: 0, authoritySecurityServer: 0, authoritySystem: 0 },
      platformClientId: clientId, platformProviderUrl: provider.urls.https as string, auto: deps.auto ?? false, autoDelayMs: 50, logger,
    });
    const client = createPalveluvaylaClient(loadXroadConfig({ XROAD_SECURITY_SERVER_URL: sandbox.urls.platformSecurityServer, XROAD_CLIENT_ID: clientId, XROAD_TIMEOUT_MS: '10000' }));
    let running = true;
    const result: XroadForStack = {
      sandbox, client, provider,
      stopProvider: async () => { if (running) await result.provider.stop(); running = false; },
      startProvider: async () => { if (!running) result.provider = provider = await startProvider(); running = true; },
      stop: async () => { await result.stopProvider(); await sandbox.stop(); },
    };
    return result;
  } catch (err) {
    await provider.stop();
    throw err;
  }
}
