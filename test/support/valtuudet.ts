import { generateValtuudetCredentials, sandboxClientOf } from '../../infra/valtuudet/dev-credentials';
import { startValtuudetSandbox, type ValtuudetSandbox } from '../../sandbox/valtuudet';

/**
 * The sandbox e-Authorizations service of a test stack (free port, fresh credentials) and the
 * VALTUUDET_* variables that point the platform at it.
 */
export async function startValtuudetForStack(): Promise<{ sandbox: ValtuudetSandbox; env: NodeJS.ProcessEnv }> {
  const credentials = generateValtuudetCredentials();
  const sandbox = await startValtuudetSandbox({ clients: [sandboxClientOf(credentials)], port: 0 });
  // Short per-call timeout: a test that stops the service should see retries quickly.
  return { sandbox, env: { ...credentials, VALTUUDET_BASE_URL: sandbox.url, VALTUUDET_TIMEOUT_MS: '3000' } };
}
