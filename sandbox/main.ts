import { z } from 'zod';
import { logger } from '../infra/logger';
import { startSandbox } from './index';

/**
 * Process entry for the sandbox identity providers. Reads SANDBOX_SUOMIFI_PORT (4101),
 * SANDBOX_VIRTU_PORT (4102), SANDBOX_HOST, DATA_DIR, PUBLIC_BASE_URL (the platform to trust) and
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
    ports: { suomifi: cfg.SANDBOX_SUOMIFI_PORT, virtu: cfg.SANDBOX_VIRTU_PORT },
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
