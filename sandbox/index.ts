import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxIdp, type SandboxIdp } from './saml-idp/idp';
import { loadOrCreateIdpKeys } from './saml-idp/keys';
import { suomifiProfile, virtuProfile, type IdpProfile } from './saml-idp/profiles';

export interface StartSandboxOptions {
  dataDir: string;
  host?: string;
  /** 0 picks a free port. Defaults: Suomi.fi 4101, Virtu 4102. */
  ports?: { suomifi?: number; virtu?: number };
  production?: boolean;
  /** The platform whose SP metadata the IdPs trust; default PUBLIC_BASE_URL or http://localhost:3000. */
  platformBaseUrl?: string;
}

export interface RunningSandbox {
  urls: { suomifiIdp: string; virtuIdp: string };
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
    return {
      urls: { suomifiIdp: suomifi.baseUrl, virtuIdp: virtu.baseUrl },
      metadataUrls: { suomifi: suomifi.url.metadata, virtu: virtu.url.metadata },
      idps: { suomifi, virtu },
      stop: () => closeAll(servers),
    };
  } catch (err) {
    await closeAll(servers);
    throw err;
  }
}

async function closeAll(servers: http.Server[]): Promise<void> {
  await Promise.all(
    servers.filter((s) => s.listening).map((s) => new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    })),
  );
}
