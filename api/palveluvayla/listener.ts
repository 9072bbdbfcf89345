import type express from 'express';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ProviderTls } from './tls';

export interface ProviderListeners {
  urls: { http: string; https: string | null };
  stop(): Promise<void>;
}

/**
 * Serves the provider app on plain HTTP and, with TLS material, on HTTPS that lets in only a client
 * presenting the security server's certificate (the "HTTPS" connection type, specs/xroad.md A6).
 */
export async function startProviderListeners(app: express.Express, opts: { httpPort: number; tlsPort: number; host?: string; tls: ProviderTls | null }): Promise<ProviderListeners> {
  const servers: http.Server[] = [http.createServer(app)];
  if (opts.tls) {
    servers.push(https.createServer({
      key: opts.tls.key, cert: opts.tls.cert, ca: [opts.tls.trustedClientCert], requestCert: true, rejectUnauthorized: true,
    }, app));
  }
  const listen = (server: http.Server, port: number) => new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, opts.host, () => resolve((server.address() as AddressInfo).port));
  });
  const stop = () => Promise.all(servers.filter((s) => s.listening).map((s) => new Promise<void>((resolve) => {
    s.close(() => resolve());
    s.closeAllConnections();
  }))).then(() => undefined);
  try {
    const httpPort = await listen(servers[0], opts.httpPort);
    const tlsPort = servers[1] ? await listen(servers[1], opts.tlsPort) : null;
    return { urls: { http: `http://127.0.0.1:${httpPort}`, https: tlsPort === null ? null : `https://127.0.0.1:${tlsPort}` }, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
