import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Fresh e-Authorizations onboarding credentials in DVV's shapes (specs/valtuudet.md §2), for
 * development and tests only: the platform and the sandbox stand-in get the same values.
 */
export function generateValtuudetCredentials(): Record<'VALTUUDET_CLIENT_ID' | 'VALTUUDET_API_KEY' | 'VALTUUDET_OAUTH_PASSWORD' | 'VALTUUDET_REST_API_KEY', string> {
  return {
    VALTUUDET_CLIENT_ID: randomBytes(4).toString('hex'),
    VALTUUDET_API_KEY: randomUUID(),
    VALTUUDET_OAUTH_PASSWORD: randomBytes(18).toString('base64url'),
    VALTUUDET_REST_API_KEY: randomUUID(),
  };
}

/** The sandbox's view of those credentials: one registered client. */
export function sandboxClientOf(env: NodeJS.ProcessEnv) {
  return {
    clientId: env.VALTUUDET_CLIENT_ID ?? '',
    apiKey: env.VALTUUDET_API_KEY ?? '',
    oauthPassword: env.VALTUUDET_OAUTH_PASSWORD ?? '',
    restApiKey: env.VALTUUDET_REST_API_KEY ?? '',
  };
}
