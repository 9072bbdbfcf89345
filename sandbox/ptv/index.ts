import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPtvApp, type PtvApiUser } from './server';
import { createPtvStore, type PtvStore } from './store';
import { createTokenIssuer } from './token';

export interface StartPtvSandboxOptions {
  /** 0 picks a free port (default 4104). */
  port?: number;
  host?: string;
  /** The platform's public address: the web page of its e-service channel in the fixtures. */
  platformBaseUrl: string;
  /** The API users that may log in (PTV_USERNAME / PTV_PASSWORD of the platform). */
  users: PtvApiUser[];
  pageSize?: number;
  production?: boolean;
}

export interface RunningPtvSandbox {
  /** The v11 base, e.g. http://127.0.0.1:4104/api/v11 (PTV_BASE_URL). */
  baseUrl: string;
  /** The token login (PTV_TOKEN_URL). */
  tokenUrl: string;
  /** The catalogue's data, for tests that play an authority editing PTV. */
  store: PtvStore;
  stop(): Promise<void>;
}

/** Starts the sandbox PTV on its own port. Refuses in production. */
export async function startPtvSandbox(opts: StartPtvSandboxOptions): Promise<RunningPtvSandbox> {
  if (opts.production) throw new Error('The sandbox PTV must not run in production (LUPAFLOW_ENV=production).');
  const store = createPtvStore(opts.platformBaseUrl.replace(/\/$/, ''));
  const app = createPtvApp({ store, tokens: createTokenIssuer(), users: opts.users, pageSize: opts.pageSize ?? 100 });
  const host = opts.host ?? '127.0.0.1';
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4104, host, () => resolve());
  });
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const origin = `http://${publicHost.includes(':') ? `[${publicHost}]` : publicHost}:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl: `${origin}/api/v11`,
    tokenUrl: `${origin}/api/auth/api-login`,
    store,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
