import { z } from 'zod';
import { port } from '../../infra/config/env';
import { parseEnvForProduction } from '../../infra/config/production';

/** The provider listener's settings (the platform's security server connects here, specs/xroad.md A6). */
const providerShape = {
  /**
   * Plain HTTP, for a security server in an isolated network segment only: it takes X-Road-Client as
   * sent, so anyone who reaches it could pose as an authority system. 3001 in development; production
   * opens it only when it is set.
   */
  XROAD_PROVIDER_PORT: port.optional(),
  /** HTTPS with client-certificate authentication (the security server's certificate). */
  XROAD_PROVIDER_TLS_PORT: port.default(3443),
  /** The listener's own TLS key and certificate (PEM files); generated under DATA_DIR in development. */
  XROAD_PROVIDER_TLS_KEY_FILE: z.string().optional(),
  XROAD_PROVIDER_TLS_CERT_FILE: z.string().optional(),
  /** The security server's TLS certificate (PEM): the one client certificate the HTTPS listener accepts. */
  XROAD_SECURITY_SERVER_CERT_FILE: z.string().optional(),
};

export type ProviderConfig = ReturnType<typeof loadProviderConfig>;

/**
 * Validates the provider listener's settings; production must name its TLS files and the security
 * server's certificate. XROAD_PROVIDER_PORT null: no plain HTTP listener.
 */
export function loadProviderConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = parseEnvForProduction(providerShape, env, ['XROAD_PROVIDER_TLS_KEY_FILE', 'XROAD_PROVIDER_TLS_CERT_FILE', 'XROAD_SECURITY_SERVER_CERT_FILE'],
    'production generates no certificates and trusts no sandbox security server');
  return { ...config, XROAD_PROVIDER_PORT: config.XROAD_PROVIDER_PORT ?? (env.LUPAFLOW_ENV === 'production' ? null : DEV_HTTP_PORT) };
}

const DEV_HTTP_PORT = 3001;
