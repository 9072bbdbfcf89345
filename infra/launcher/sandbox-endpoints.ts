/**
 * Where the sandbox process (sandbox/main.ts → sandbox/index.ts) serves its IdPs for the host and
 * ports the launcher passes it: each IdP at http://<host>:<port>, its metadata at /metadata.
 */
export function sandboxEndpoints(env: NodeJS.ProcessEnv, ports: { suomifi: number; virtu: number }) {
  const bound = env.SANDBOX_HOST || '127.0.0.1';
  const host = bound === '0.0.0.0' || bound === '::' ? '127.0.0.1' : bound;
  const base = (port: number) => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    urls: { suomifiIdp: base(ports.suomifi), virtuIdp: base(ports.virtu) },
    metadataUrls: { suomifi: `${base(ports.suomifi)}/metadata`, virtu: `${base(ports.virtu)}/metadata` },
  };
}
