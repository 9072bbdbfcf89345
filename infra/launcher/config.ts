import { ConfigError, parseEnv, port } from '../config/env';
import { loadCoreConfig, type CoreConfig } from '../config/core';
import { loadTracingConfig, workerMetricsShape } from '../config/observability';

/** Ports of what the launcher starts itself; each configurable so tests and a second copy can run side by side. */
const launcherShape = {
  EMBEDDED_TEMPORAL_PORT: port.default(7233),
  EMBEDDED_TEMPORAL_UI_PORT: port.default(8233),
  EMBEDDED_PG_PORT: port.default(5433),
  SANDBOX_SUOMIFI_PORT: port.default(4101),
  SANDBOX_VIRTU_PORT: port.default(4102),
  SANDBOX_PTV_PORT: port.default(4104),
  SANDBOX_VALTUUDET_PORT: port.default(4103),
  SANDBOX_XROAD_SS_PORT: port.default(4105),
  SANDBOX_XROAD_AUTHORITY_SS_PORT: port.default(4106),
  SANDBOX_AUTHORITY_SYSTEM_PORT: port.default(4107),
  SANDBOX_MAIL_SMTP_PORT: port.default(4108),
  SANDBOX_MAIL_HTTP_PORT: port.default(4109),
  /** The API process's X-Road provider listeners (api/palveluvayla/config.ts), checked free before start. */
  XROAD_PROVIDER_PORT: port.default(3001),
  XROAD_PROVIDER_TLS_PORT: port.default(3443),
  ...workerMetricsShape,
};

/** Validated launcher settings plus the core settings every process shares. */
export type LauncherConfig = ReturnType<typeof parseLauncherEnv> & { core: CoreConfig };

/** Settings production must get from the environment, because nothing embedded or generated is allowed there. */
const REQUIRED_IN_PRODUCTION = [
  'TEMPORAL_ADDRESS', 'DATABASE_URL',
  'SUOMIFI_IDP_METADATA', 'VIRTU_IDP_METADATA', 'SAML_SP_KEY_FILE', 'SAML_SP_CERT_FILE',
];

const parseLauncherEnv = (env: NodeJS.ProcessEnv) => parseEnv(launcherShape, env);

/**
 * Validates the whole environment the launcher will hand its children; throws one ConfigError
 * listing every problem (one line per variable) so nothing starts on a bad configuration.
 */
export function loadLauncherConfig(env: NodeJS.ProcessEnv): LauncherConfig {
  const problems: string[] = [];
  const attempt = <T>(load: () => T): T | undefined => {
    try {
      return load();
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(...err.problems);
      return undefined;
    }
  };
  const launcher = attempt(() => parseLauncherEnv(env));
  const core = attempt(() => loadCoreConfig(env));
  // Read again by the API and worker; checked here so a bad collector URL stops the start, not one child.
  attempt(() => loadTracingConfig(env));
  if (env.LUPAFLOW_ENV === 'production') {
    for (const name of REQUIRED_IN_PRODUCTION) {
      if (!env[name]) problems.push(`${name} is missing: production starts nothing embedded and generates no keys`);
    }
  }
  if (problems.length > 0 || !launcher || !core) throw new ConfigError(problems);
  return { ...launcher, core };
}
