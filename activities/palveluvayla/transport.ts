/**
 * One HTTP(S) exchange with the platform's own security server. Over HTTPS the platform presents its
 * information system certificate: the "HTTPS" connection type (mTLS), the default for new clients
 * (specs/xroad.md A6). Node's fetch cannot present a client certificate, hence node:http(s).
 */
import http from 'node:http';
import https from 'node:https';

/** The platform's TLS key and certificate (PEM; absent: HTTPS without a client certificate), and the security server's certificate to trust (PEM; absent: the system's CAs). */
export interface ClientTls { key?: string; cert?: string; ca?: string }

export interface TransportAnswer { status: number; header(name: string): string | null; text: string }

export function exchangeHttp(url: string, opts: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal; tls: ClientTls | null }): Promise<TransportAnswer> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const headers = opts.body === undefined ? opts.headers : { ...opts.headers, 'content-length': String(Buffer.byteLength(opts.body)) };
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(target, {
      method: opts.method, headers, signal: opts.signal,
      ...(secure && opts.tls ? Object.fromEntries(Object.entries(opts.tls).filter(([, pem]) => pem !== undefined)) : {}),
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({
        status: res.statusCode ?? 0,
        header: (name) => {
          const value = res.headers[name.toLowerCase()];
          return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
        },
        text: Buffer.concat(chunks).toString('utf8'),
      }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
