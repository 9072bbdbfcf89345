import fs from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../../infra/config/env';
import { parseEnvForProduction } from '../../infra/config/production';
import { isValidBusinessId } from '../../infra/identifiers';
import { parseClientId } from '../../infra/xroad/ids';
import { SANDBOX_PLATFORM_CLIENT_ID } from '../../infra/xroad/lupa-interface';
import type { ClientTls } from './transport';

/** The platform's subsystem in the sandbox (infra/xroad/lupa-interface.ts), the default of XROAD_CLIENT_ID. */
export { SANDBOX_PLATFORM_CLIENT_ID as SANDBOX_CLIENT_ID };

/** The sandbox security server of the platform (SANDBOX_XROAD_SS_PORT); production must name its own. */
const SANDBOX_SECURITY_SERVER_URL = 'http://127.0.0.1:4105';

const clientId = z.string().refine((v) => {
  const id = parseClientId(v);
  return id !== null && id.subsystem !== undefined && (id.instance.startsWith('FI') ? isValidBusinessId(id.memberCode) : true);
}, 'expected INSTANCE/CLASS/CODE/SUBSYSTEM with a valid business id as the member code');

const xroadShape = {
  /** The platform's own security server (consumer side), e.g. http://ss.example.fi:8080 or https://…:8443. */
  XROAD_SECURITY_SERVER_URL: z.url().default(SANDBOX_SECURITY_SERVER_URL),
  /** The platform's subsystem, `INSTANCE/CLASS/CODE/SUBSYSTEM`: X-Road-Client of what it sends. */
  XROAD_CLIENT_ID: clientId.default(SANDBOX_PLATFORM_CLIENT_ID),
  /**
   * How long one call may take before it is retried (specs/xroad.md A6: services default to 60 s). At most
   * 80 s: the send activity's own time limit is 90 s (workflows/application/activities.ts), and a longer
   * call would be cut off by Temporal on every attempt.
   */
  XROAD_TIMEOUT_MS: z.coerce.number().int().min(100).max(80_000).default(60_000),
  /**
   * PEM files of the platform's information system certificate, presented to an https:// security server
   * (the "HTTPS" connection type, mTLS: the default for new clients, specs/xroad.md A6). Both or neither.
   */
  XROAD_CLIENT_TLS_KEY_FILE: z.string().min(1).optional(),
  XROAD_CLIENT_TLS_CERT_FILE: z.string().min(1).optional(),
  /** PEM file of the security server's TLS certificate, to trust it (its internal certificate is self-signed); absent: the system's CAs. */
  XROAD_SECURITY_SERVER_TLS_CA_FILE: z.string().min(1).optional(),
};

export type XroadConfig = ReturnType<typeof loadXroadConfig>;

/** Validates the X-Road client settings; production must set both the security server and the client id. */
export function loadXroadConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = parseEnvForProduction(xroadShape, env, ['XROAD_SECURITY_SERVER_URL', 'XROAD_CLIENT_ID'], 'production does not use the sandbox security server or client id');
  if (Boolean(config.XROAD_CLIENT_TLS_KEY_FILE) !== Boolean(config.XROAD_CLIENT_TLS_CERT_FILE)) {
    throw new ConfigError(['XROAD_CLIENT_TLS_KEY_FILE and XROAD_CLIENT_TLS_CERT_FILE go together: set both (mTLS to the security server) or neither']);
  }
  return config;
}

/** The client certificate and the security server's certificate to trust, as the settings name them; null when neither is set. */
export function loadClientTls(config: XroadConfig): ClientTls | null {
  const read = (file: string | undefined) => (file ? fs.readFileSync(file, 'utf8') : undefined);
  const tls: ClientTls = { key: read(config.XROAD_CLIENT_TLS_KEY_FILE), cert: read(config.XROAD_CLIENT_TLS_CERT_FILE), ca: read(config.XROAD_SECURITY_SERVER_TLS_CA_FILE) };
  return tls.cert || tls.ca ? tls : null;
}
