/**
 * The X-Road part of the sandbox: the platform's security server, the authorities' security server
 * and the authority case system behind it, wired by a small global configuration (specs/xroad.md A10).
 */
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../infra/logger';
import { providerOf } from '../../infra/xroad/ids';
import { INBOUND_TYPES, PLATFORM_SERVICE_CODE } from '../../infra/xroad/lupa-interface';
import { createAuthoritySystem } from '../authority-system/server';
import type { GlobalConf } from './global-conf';
import { loadOrCreateSecurityServerKeys } from './keys';
import { createSecurityServer, type SecurityServer } from './security-server';

/** The seed authority (migration 20261124000020): Tampere's case system and its permit service. */
export const TAMPERE = {
  member: 'FI-TEST/MUN/0211675-2',
  service: 'FI-TEST/MUN/0211675-2/tampere-lupa/lupahakemukset',
  client: 'FI-TEST/MUN/0211675-2/tampere-asianhallinta',
} as const;

export interface XroadSandboxOptions {
  dataDir: string;
  host: string;
  /** 0 picks a free port. */
  ports: { platformSecurityServer: number; authoritySecurityServer: number; authoritySystem: number };
  /** The platform's subsystem (XROAD_CLIENT_ID). */
  platformClientId: string;
  /** Where the platform's provider listener is (https: the security server presents its certificate). */
  platformProviderUrl: string;
  /** The authority system handles applications by itself. */
  auto: boolean;
  autoDelayMs?: number;
  logger: Logger;
}

export interface RunningXroadSandbox {
  urls: { platformSecurityServer: string; authoritySecurityServer: string; authoritySystem: string };
  /** The certificate the platform's security server presents to the provider listener. */
  securityServerCertFile: string;
  platformSecurityServer: SecurityServer;
  authoritySecurityServer: SecurityServer;
  authoritySystem: ReturnType<typeof createAuthoritySystem>;
  stop(): Promise<void>;
}

export async function startXroadSandbox(opts: XroadSandboxOptions): Promise<RunningXroadSandbox> {
  const keys = loadOrCreateSecurityServerKeys(opts.dataDir);
  const platformMember = opts.platformClientId.split('/').slice(0, 3).join('/');
  const platformService = `${opts.platformClientId}/${PLATFORM_SERVICE_CODE}`;
  const provider = opts.platformProviderUrl.replace(/\/$/, '');
  const conf: GlobalConf = {
    instance: opts.platformClientId.split('/')[0],
    members: [
      { id: platformMember, name: 'lupaflow (sandbox member)' },
      { id: opts.platformClientId, name: 'lupaflow' },
      { id: TAMPERE.member, name: 'Tampereen kaupunki' },
      { id: providerOf(TAMPERE.service), name: 'Tampereen lupapalvelut' },
      { id: TAMPERE.client, name: 'Tampereen asianhallinta' },
    ],
    serverOf: new Map(),
    services: [
      {
        id: TAMPERE.service, baseUrl: '', acl: [opts.platformClientId], type: 'REST', timeoutMs: 60_000,
        endpoints: [
          { method: 'POST', path: '/applications' },
          { method: 'POST', path: '/applications/*/supplements' },
          { method: 'POST', path: '/applications/*/withdrawal' },
        ],
      },
      {
        id: platformService, baseUrl: provider, acl: [TAMPERE.client], type: 'OPENAPI', timeoutMs: 60_000,
        openapiUrl: `${provider}/openapi.json`, tls: { key: keys.keyPem, cert: keys.certPem },
        endpoints: INBOUND_TYPES.map((t) => ({ method: 'POST', path: `/cases/*/${t}` })),
      },
    ],
  };

  const servers: http.Server[] = [];
  const listen = async (app: express.Express, port: number): Promise<string> => {
    const server = http.createServer(app);
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, opts.host, () => resolve());
    });
    const host = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
    return `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  };

  try {
    const platformSs = createSecurityServer({ name: 'platform', conf, subsystems: [opts.platformClientId], logger: opts.logger });
    const authoritySs = createSecurityServer({ name: 'authorities', conf, subsystems: [TAMPERE.client, providerOf(TAMPERE.service)], logger: opts.logger });
    const platformSsUrl = await listen(platformSs.app, opts.ports.platformSecurityServer);
    const authoritySsUrl = await listen(authoritySs.app, opts.ports.authoritySecurityServer);
    const authority = createAuthoritySystem({
      securityServerUrl: authoritySsUrl, clientId: TAMPERE.client, platformService, auto: opts.auto, autoDelayMs: opts.autoDelayMs, logger: opts.logger,
    });
    const authorityUrl = await listen(authority.app, opts.ports.authoritySystem);
    conf.services[0].baseUrl = `${authorityUrl}/xroad`;
    conf.serverOf.set(opts.platformClientId, platformSsUrl);
    conf.serverOf.set(providerOf(TAMPERE.service), authoritySsUrl);
    conf.serverOf.set(TAMPERE.client, authoritySsUrl);
    return {
      urls: { platformSecurityServer: platformSsUrl, authoritySecurityServer: authoritySsUrl, authoritySystem: authorityUrl },
      securityServerCertFile: keys.certFile,
      platformSecurityServer: platformSs,
      authoritySecurityServer: authoritySs,
      authoritySystem: authority,
      stop: () => closeAll(servers),
    };
  } catch (err) {
    await closeAll(servers);
    throw err;
  }
}

async function closeAll(servers: http.Server[]): Promise<void> {
  await Promise.all(servers.filter((s) => s.listening).map((s) => new Promise<void>((resolve) => {
    s.close(() => resolve());
    s.closeAllConnections();
  })));
}
