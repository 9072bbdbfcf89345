import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { logger } from '../infra/logger';
import { createSandboxIdp, type SandboxIdp } from './saml-idp/idp';
import { loadOrCreateIdpKeys } from './saml-idp/keys';
import { suomifiProfile, virtuProfile, type IdpProfile } from './saml-idp/profiles';
import { startMailCatcher } from './mail';
import { startPtvSandbox } from './ptv';
import type { PtvApiUser } from './ptv/server';
import { startValtuudetSandbox, type SandboxClient } from './valtuudet';
import { startXroadSandbox } from './xroad';

export interface StartSandboxOptions {
  dataDir: string;
  host?: string;
  /** 0 picks a free port. Defaults: Suomi.fi 4101, Virtu 4102. */
  ports?: { suomifi?: number; virtu?: number; ptv?: number; valtuudet?: number; xroadSecurityServer?: number; xroadAuthoritySecurityServer?: number; authoritySystem?: number; mailSmtp?: number; mailHttp?: number };
  /** The X-Road pair of security servers and the authority system: the platform's subsystem and provider listener; none: not started. */
  xroad?: { platformClientId: string; platformProviderUrl: string; autoHandling: boolean };
  /** The e-service registered with the sandbox e-Authorizations (VALTUUDET_* credentials); none: every call is refused. */
  valtuudetClient?: SandboxClient;
  /** The API user the sandbox PTV lets log in (PTV_USERNAME, PTV_PASSWORD, PTV_ORGANISATION); none: logins fail. */
  ptvUser?: PtvApiUser;
  production?: boolean;
  /** The platform whose SP metadata the IdPs trust; default PUBLIC_BASE_URL or http://localhost:3000. */
  platformBaseUrl?: string;
}

export interface RunningSandbox {
  urls: { suomifiIdp: string; virtuIdp: string; ptv: string; ptvToken: string; valtuudet: string; mailSmtp: string; mailHttp: string; xroadSecurityServer?: string; xroadAuthoritySecurityServer?: string; authoritySystem?: string };
  metadataUrls: { suomifi: string; virtu: string };
  /** The running IdPs, for tests that need to craft responses or IdP-initiated logouts. */
  idps: { suomifi: SandboxIdp; virtu: SandboxIdp };
  stop(): Promise<void>;
}

/** Starts the sandbox identity providers (Suomi.fi-like and Virtu-like). Refuses in production. */
export async function startSandbox(opts: StartSandboxOptions): Promise<RunningSandbox> {
  if (opts.production) throw new Error('The sandbox identity providers must not run in production (LUPAFLOW_ENV=production).');
  const host = opts.host ?? '127.0.0.1';
  const platform = (opts.platformBaseUrl ?? process.env.PUBLIC_BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  const servers: http.Server[] = [];
  // Stand-ins that stop themselves.
  const stops: (() => Promise<void>)[] = [];

  async function start(profile: IdpProfile, port: number): Promise<SandboxIdp> {
    const app = express();
    app.disable('x-powered-by');
    const server = http.createServer(app);
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const actual = (server.address() as AddressInfo).port;
    const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    const idp = createSandboxIdp({
      profile,
      baseUrl: `http://${publicHost.includes(':') ? `[${publicHost}]` : publicHost}:${actual}`,
      keys: loadOrCreateIdpKeys(opts.dataDir, profile.name),
      // Suomi.fi publishes its next signing certificate ahead of each change (specs/saml.md §1.1).
      nextKeys: profile.name === 'suomifi' ? loadOrCreateIdpKeys(opts.dataDir, `${profile.name}-next`) : undefined,
      spMetadataUrl: `${platform}/auth/${profile.name}/metadata`,
    });
    app.use(idp.router);
    return idp;
  }

  try {
    const suomifi = await start(suomifiProfile, opts.ports?.suomifi ?? 4101);
    const virtu = await start(virtuProfile, opts.ports?.virtu ?? 4102);
    // A free port unless one is named: sandbox/main.ts names SANDBOX_PTV_PORT (4104).
    const ptv = await startPtvSandbox({ port: opts.ports?.ptv ?? 0, host, platformBaseUrl: platform, users: opts.ptvUser ? [opts.ptvUser] : [] });
    stops.push(() => ptv.stop());
    // A free port unless one is named: sandbox/main.ts names SANDBOX_VALTUUDET_PORT (4103).
    const valtuudet = await startValtuudetSandbox({ port: opts.ports?.valtuudet ?? 0, host, clients: opts.valtuudetClient ? [opts.valtuudetClient] : [] });
    stops.push(() => valtuudet.stop());
    // Defaults 4105–4107 (SANDBOX_XROAD_SS_PORT, SANDBOX_XROAD_AUTHORITY_SS_PORT, SANDBOX_AUTHORITY_SYSTEM_PORT).
    const xroad = opts.xroad && await startXroadSandbox({
      dataDir: opts.dataDir, host, logger, auto: opts.xroad.autoHandling, platformClientId: opts.xroad.platformClientId, platformProviderUrl: opts.xroad.platformProviderUrl,
      ports: { platformSecurityServer: opts.ports?.xroadSecurityServer ?? 4105, authoritySecurityServer: opts.ports?.xroadAuthoritySecurityServer ?? 4106, authoritySystem: opts.ports?.authoritySystem ?? 4107 },
    });
    if (xroad) stops.push(() => xroad.stop());
    // A free port unless one is named: sandbox/main.ts names SANDBOX_MAIL_SMTP_PORT (4108) and SANDBOX_MAIL_HTTP_PORT (4109).
    const mail = await startMailCatcher({ smtpPort: opts.ports?.mailSmtp ?? 0, httpPort: opts.ports?.mailHttp ?? 0, host });
    stops.push(() => mail.stop());
    return {
      urls: { suomifiIdp: suomifi.baseUrl, virtuIdp: virtu.baseUrl, ptv: ptv.baseUrl, ptvToken: ptv.tokenUrl, valtuudet: valtuudet.url, mailSmtp: mail.smtpUrl, mailHttp: mail.httpUrl, ...(xroad ? { xroadSecurityServer: xroad.urls.platformSecurityServer, xroadAuthoritySecurityServer: xroad.urls.authoritySecurityServer, authoritySystem: xroad.urls.authoritySystem } : {}) },
      metadataUrls: { suomifi: suomifi.url.metadata, virtu: virtu.url.metadata },
      idps: { suomifi, virtu },
      stop: () => closeAll(servers, stops),
    };
  } catch (err) {
    await closeAll(servers, stops);
    throw err;
  }
}

async function closeAll(servers: http.Server[], stops: (() => Promise<void>)[]): Promise<void> {
  await Promise.all(stops.map((stop) => stop()));
  await Promise.all(
    servers.filter((s) => s.listening).map((s) => new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    })),
  );
}
