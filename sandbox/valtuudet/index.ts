import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SandboxClient } from './checksum-guard';
import { valtuudetRouter } from './server';
import { createValtuudetState, DEFAULT_LIFETIMES, type Lifetimes, type ValtuudetState } from './state';

export type { SandboxClient } from './checksum-guard';

export interface ValtuudetSandbox {
  url: string;
  state: ValtuudetState;
  /** Stops listening (the state is kept): the service is "down". */
  stop(): Promise<void>;
  /** Listens again on the same port with the same state. */
  restart(): Promise<void>;
}

/**
 * Starts the Suomi.fi e-Authorizations stand-in (specs/valtuudet.md §11) for the given registered
 * clients. Refuses in production. Port 0 picks a free port.
 */
export async function startValtuudetSandbox(o: {
  clients: SandboxClient[]; port?: number; host?: string; production?: boolean; lifetimes?: Partial<Lifetimes>; now?: () => number;
}): Promise<ValtuudetSandbox> {
  if (o.production) throw new Error('The sandbox e-Authorizations service must not run in production (LUPAFLOW_ENV=production).');
  const now = o.now ?? Date.now;
  const state = createValtuudetState({ ...DEFAULT_LIFETIMES, ...o.lifetimes }, now);
  const app = express();
  app.disable('x-powered-by');
  app.use(valtuudetRouter({ clients: new Map(o.clients.map((c) => [c.clientId, c])), state, now }));
  const host = o.host ?? '127.0.0.1';
  let server = http.createServer(app);
  const listen = (port: number) => new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
  const port = await listen(o.port ?? 4103);
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const stop = () => new Promise<void>((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return {
    url: `http://${publicHost.includes(':') ? `[${publicHost}]` : publicHost}:${port}`,
    state,
    stop,
    async restart() {
      await stop();
      server = http.createServer(app);
      await listen(port);
    },
  };
}
