import { z } from 'zod';
import { logger } from '../infra/logger';
import { startSandbox } from './index';
import { ORG } from './ptv/fixtures';
import { sandboxClientOf } from '../infra/valtuudet/dev-credentials';
import { SANDBOX_PLATFORM_CLIENT_ID } from '../infra/xroad/lupa-interface';

/**
 * Process entry for the sandbox identity providers. Reads SANDBOX_SUOMIFI_PORT (4101),
 * SANDBOX_VIRTU_PORT (4102), SANDBOX_PTV_PORT (4104) with PTV_USERNAME/PTV_PASSWORD/PTV_ORGANISATION, SANDBOX_HOST, DATA_DIR, PUBLIC_BASE_URL (the platform to trust) and
 * LUPAFLOW_ENV; refuses to run in production.
 */
async function main(): Promise<void> {
  const port = z.coerce.number().int().min(0).max(65535);
  const env = z
    .object({
      LUPAFLOW_ENV: z.enum(['development', 'test', 'production']).default('development'),
      DATA_DIR: z.string().default('.data'),
      PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
      SANDBOX_HOST: z.string().default('127.0.0.1'),
      SANDBOX_SUOMIFI_PORT: port.default(4101),
      SANDBOX_VIRTU_PORT: port.default(4102),
      SANDBOX_PTV_PORT: port.default(4104),
      // The platform's PTV API user, which the sandbox PTV accepts (development secrets from the launcher).
      PTV_USERNAME: z.string().optional(),
      PTV_PASSWORD: z.string().optional(),
      PTV_ORGANISATION: z.uuid().default(ORG.lvv),
      SANDBOX_VALTUUDET_PORT: port.default(4103),
      // The platform's e-Authorizations credentials, which the sandbox registers as its client (launcher dev secrets).
      VALTUUDET_CLIENT_ID: z.string().optional(),
      // X-Road: the two security servers and the authority system; the platform's subsystem and provider listener.
      SANDBOX_XROAD_SS_PORT: port.default(4105),
      SANDBOX_XROAD_AUTHORITY_SS_PORT: port.default(4106),
      SANDBOX_AUTHORITY_SYSTEM_PORT: port.default(4107),
      XROAD_CLIENT_ID: z.string().default(SANDBOX_PLATFORM_CLIENT_ID),
      SANDBOX_XROAD_PROVIDER_URL: z.url().default('https://127.0.0.1:3443'),
      SANDBOX_AUTHORITY_AUTO: z.enum(['true', 'false']).default('true'),
      // The mail catcher: the platform's SMTP_URL, and its HTTP API (GET/DELETE /messages).
      SANDBOX_MAIL_SMTP_PORT: port.default(4108),
      SANDBOX_MAIL_HTTP_PORT: port.default(4109),
    })
    .safeParse(Object.fromEntries(Object.entries(process.env).map(([k, v]) => [k, v === '' ? undefined : v])));
  if (!env.success) {
    for (const issue of env.error.issues) console.error(`${issue.path.join('.')} is invalid: ${issue.message}`);
    process.exit(1);
  }
  const cfg = env.data;
  if (cfg.LUPAFLOW_ENV === 'production') {
    console.error('LUPAFLOW_ENV is production: the sandbox identity providers refuse to start.');
    process.exit(1);
  }
  const sandbox = await startSandbox({
    dataDir: cfg.DATA_DIR,
    host: cfg.SANDBOX_HOST,
    ports: { suomifi: cfg.SANDBOX_SUOMIFI_PORT, virtu: cfg.SANDBOX_VIRTU_PORT, ptv: cfg.SANDBOX_PTV_PORT, valtuudet: cfg.SANDBOX_VALTUUDET_PORT,
      xroadSecurityServer: cfg.SANDBOX_XROAD_SS_PORT, xroadAuthoritySecurityServer: cfg.SANDBOX_XROAD_AUTHORITY_SS_PORT, authoritySystem: cfg.SANDBOX_AUTHORITY_SYSTEM_PORT,
      mailSmtp: cfg.SANDBOX_MAIL_SMTP_PORT, mailHttp: cfg.SANDBOX_MAIL_HTTP_PORT },
    xroad: { platformClientId: cfg.XROAD_CLIENT_ID, platformProviderUrl: cfg.SANDBOX_XROAD_PROVIDER_URL, autoHandling: cfg.SANDBOX_AUTHORITY_AUTO === 'true' },
    valtuudetClient: cfg.VALTUUDET_CLIENT_ID ? sandboxClientOf(process.env) : undefined,
    ptvUser: cfg.PTV_USERNAME && cfg.PTV_PASSWORD ? { username: cfg.PTV_USERNAME, password: cfg.PTV_PASSWORD, organisationId: cfg.PTV_ORGANISATION } : undefined,
    platformBaseUrl: cfg.PUBLIC_BASE_URL,
  });
  logger.info({ event: 'sandbox_started', urls: sandbox.urls, metadata_urls: sandbox.metadataUrls });
  const stop = async () => {
    await sandbox.stop();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
