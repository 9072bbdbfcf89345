import http from 'node:http';
import https from 'node:https';

/** What came back from an HTTP call. */
export interface Answer { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/** Client TLS of a security server towards an information system (specs/xroad.md A6). */
export interface ClientTls { key: string; cert: string }

/**
 * One HTTP(S) request with a body and a time limit; rejects on network errors and on timeout. The
 * provider's server certificate is not verified: "Verify TLS certificate" is off by default (UG-SS §9.2).
 */
export function send(url: string, opts: { method: string; headers: http.OutgoingHttpHeaders; body?: Buffer; timeoutMs: number; tls?: ClientTls }): Promise<Answer> {
  const target = new URL(url);
  const lib = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(target, {
      method: opts.method,
      headers: opts.body?.length ? { ...opts.headers, 'content-length': String(opts.body.length) } : opts.headers,
      ...(target.protocol === 'https:' ? { key: opts.tls?.key, cert: opts.tls?.cert, rejectUnauthorized: false } : {}),
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(opts.timeoutMs, () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(opts.body?.length ? opts.body : undefined);
  });
}

/** Headers a proxy never passes on (PR-REST §4.7 and RestRequest), lower case. */
export const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding',
  'upgrade', 'host', 'user-agent', 'server', 'content-length', 'expect',
]);

/** `headers` without hop-by-hop ones and without `drop`. */
export function filterHeaders(headers: http.IncomingHttpHeaders, drop: string[] = []): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || drop.includes(name)) continue;
    out[name] = value;
  }
  return out;
}
