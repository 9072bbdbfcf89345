import path from 'node:path';

/**
 * Where the sandbox process (sandbox/main.ts → sandbox/index.ts) serves its IdPs for the host and
 * ports the launcher passes it: each IdP at http://<host>:<port>, its metadata at /metadata; PTV's v11 API under /api/v11.
 */
export function sandboxEndpoints(env: NodeJS.ProcessEnv, ports: { suomifi: number; virtu: number; ptv: number; valtuudet: number; xroadSs: number; xroadAuthoritySs: number; authoritySystem: number; mailSmtp: number; mailHttp: number }) {
  const bound = env.SANDBOX_HOST || '127.0.0.1';
  const host = bound === '0.0.0.0' || bound === '::' ? '127.0.0.1' : bound;
  const base = (port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    urls: { suomifiIdp: base(ports.suomifi), virtuIdp: base(ports.virtu) },
    metadataUrls: { suomifi: `${base(ports.suomifi)}/metadata`, virtu: `${base(ports.virtu)}/metadata` },
    /** The sandbox PTV: its v11 base and token login. */
    ptv: { baseUrl: `${base(ports.ptv)}/api/v11`, tokenUrl: `${base(ports.ptv)}/api/auth/api-login` },
    /** The sandbox Suomi.fi e-Authorizations: /oauth/* and /service/* on one host. */
    valtuudet: base(ports.valtuudet),
    /** The mail catcher: SMTP_URL, and its HTTP API listing what it caught. */
    mail: { smtpUrl: `smtp://${host.includes(':') ? `[${host}]` : host}:${ports.mailSmtp}`, httpUrl: base(ports.mailHttp) },
    /** X-Road: the platform's security server, the authorities' one and the authority system; the certificate the first presents (sandbox/xroad/keys.ts). */
    xroad: {
      securityServer: base(ports.xroadSs), authoritySecurityServer: base(ports.xroadAuthoritySs), authoritySystem: base(ports.authoritySystem),
      securityServerCertFile: path.join(path.resolve(env.DATA_DIR || '.data'), 'sandbox', 'xroad-ss.cert.pem'),
    },
  };
}
