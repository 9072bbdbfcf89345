import { loginThroughSandbox } from '../sandbox/saml-idp/driver';
import type { ApiSession } from './api-client';
import { DEMO_PEOPLE, TEST_APPLICANTS } from './sample-case';

/** Sessions logged in once before the timed run, and how long each login took. */
export interface LoginPool {
  applicants: ApiSession[];
  handler: ApiSession;
  decider: ApiSession;
  loginMs: number[];
}

/**
 * Logs in `applicants` applicant sessions (cycling through the sandbox's test persons) and one handler
 * and one decider of the sample service's authority, one login at a time so each is timed uncontended.
 */
export async function loginPool(apiBaseUrl: string, applicants: number): Promise<LoginPool> {
  const loginMs: number[] = [];
  const login = async (idp: 'suomifi' | 'virtu', user: string) => {
    const started = performance.now();
    const session = await loginThroughSandbox({ apiBaseUrl, idp, user });
    loginMs.push(performance.now() - started);
    return session;
  };
  const pool: ApiSession[] = [];
  for (let i = 0; i < applicants; i++) pool.push(await login('suomifi', TEST_APPLICANTS[i % TEST_APPLICANTS.length]));
  const handler = await login('virtu', DEMO_PEOPLE.handler);
  const decider = await login('virtu', DEMO_PEOPLE.decider);
  return { applicants: pool, handler, decider, loginMs };
}
