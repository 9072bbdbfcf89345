import type express from 'express';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ProviderTls } from './tls';

export interface ProviderListeners {
  urls: { http: string | null; https: string | null };
  stop(): Promise<void>;
}

/**
 * Serves the provider app on plain HTTP (when it has a port) and, with TLS material, on HTTPS that lets
 * in only a client presenting the security server's certificate (the "HTTPS" connection type, specs/xroad.md A6).
 */
export async function startProviderListeners(app: express.Express, opts: { httpPort: number | null; tlsPort: number; host?: string; tls: ProviderTls | null }): Promise<ProviderListeners> {
  const plain = opts.httpPort === null ? null : http.createServer(app);
  const secure = opts.tls && https.createServer({
    key: opts.tls.key, cert: opts.tls.cert, ca: [opts.tls.trustedClientCert], requestCert: true, rejectUnauthorized: true,
  }, app);
  const servers = [plain, secure].filter((s): s is http.Server => s !== null);
  const listen = (server: http.Server, port: number) => new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, opts.host, () => resolve((server.address() as AddressInfo).port));
  });
  const stop = () => Promise.all(servers.filter((s) => s.listening).map((s) => new Promise<void>((resolve) => {
    s.close(() => resolve());
    s.closeAllConnections();
  }))).then(() => undefined);
  try {
    const httpPort = plain && opts.httpPort !== null ? await listen(plain, opts.httpPort) : null;
    const tlsPort = secure ? await listen(secure, opts.tlsPort) : null;
    return { urls: { http: httpPort === null ? null : `http://127.0.0.1:${httpPort}`, https: tlsPort === null ? null : `https://127.0.0.1:${tlsPort}` }, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
