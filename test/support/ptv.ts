import { randomBytes } from 'node:crypto';
import { loadPtvConfig, type PtvConfig } from '../../activities/ptv/config';
import { startPtvSandbox, type RunningPtvSandbox } from '../../sandbox/ptv';
import { ORG } from '../../sandbox/ptv/fixtures';

/**
 * The sandbox PTV for a test stack on a free port, with a fresh API user, and the platform's PTV
 * settings pointing at it. `env` may override any PTV setting (e.g. a short recheck interval).
 */
export async function startPtvForStack(platformBaseUrl: string, env: NodeJS.ProcessEnv = {}): Promise<{ sandbox: RunningPtvSandbox; config: PtvConfig }> {
  const user = { username: 'lupaflow-test@testi.fi', password: randomBytes(18).toString('base64url'), organisationId: ORG.lvv };
  const sandbox = await startPtvSandbox({ port: 0, platformBaseUrl, users: [user], pageSize: Number(env.SANDBOX_PTV_PAGE_SIZE ?? 100) });
  const config = loadPtvConfig({
    ...process.env,
    PTV_BASE_URL: sandbox.baseUrl,
    PTV_TOKEN_URL: sandbox.tokenUrl,
    PTV_USERNAME: user.username,
    PTV_PASSWORD: user.password,
    PTV_ORGANISATION: ORG.lvv,
    PUBLIC_BASE_URL: platformBaseUrl,
    ...env,
  });
  return { sandbox, config };
}
