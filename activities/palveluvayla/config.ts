import { z } from 'zod';
import { parseEnvForProduction } from '../../infra/config/production';
import { isValidBusinessId } from '../../infra/identifiers';
import { parseClientId } from '../../infra/xroad/ids';
import { SANDBOX_PLATFORM_CLIENT_ID } from '../../infra/xroad/lupa-interface';

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
  /** How long one call may take before it is retried (specs/xroad.md A6: services default to 60 s). */
  XROAD_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(60_000),
};

export type XroadConfig = ReturnType<typeof loadXroadConfig>;

/** Validates the X-Road client settings; production must set both the security server and the client id. */
export function loadXroadConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseEnvForProduction(xroadShape, env, ['XROAD_SECURITY_SERVER_URL', 'XROAD_CLIENT_ID'], 'production does not use the sandbox security server or client id');
}
