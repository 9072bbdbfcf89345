/**
 * A person using the API while the platform is being broken under them, retrying as a real user (or
 * their browser) would: a network error or 5xx is tried again (a start with the same Idempotency-Key),
 * the case is re-read before a step is repeated, a lost session means logging in again, and a 4xx that
 * says the step already happened counts as done once the re-read shows it did.
 */
import { loginThroughSandbox } from '../sandbox/saml-idp/driver';

/** One HTTP answer (JSON body when there was one). */
export interface Answer { status: number; body: any }

/** A step that kept failing until its time ran out: the application is stuck there. */
export class StepStuck extends Error {
  constructor(readonly step: string, readonly last: string) {
    super(`${step} did not succeed in time (last: ${last})`);
    this.name = 'StepStuck';
  }
}

/** Counts of what the users had to do again; shown in the report. */
export interface RetryCounts {
  networkErrors: number; serverErrors: number; relogins: number; alreadyDone: number; conflictsRetried: number;
  /** The 5xx answers by status and error code (`503 DEPENDENCY_UNAVAILABLE`): what users were told during outages. */
  serverErrorCodes: Record<string, number>;
}
export const newRetryCounts = (): RetryCounts => ({ networkErrors: 0, serverErrors: 0, relogins: 0, alreadyDone: 0, conflictsRetried: 0, serverErrorCodes: {} });

const REQUEST_TIMEOUT_MS = 30_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One HTTP request; a network error or timeout rejects. */
export async function httpCall(url: string, init: { method: string; headers?: Record<string, string>; body?: string | Uint8Array }): Promise<Answer> {
  const res = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await res.text();
  let body: unknown = text;
  try { body = text ? JSON.parse(text) : undefined; } catch { /* not JSON: keep the text */ }
  return { status: res.status, body };
}

export interface ChaosUser {
  readonly label: string;
  call(method: string, path: string, opts?: { body?: unknown; file?: { bytes: Uint8Array; mediaType: string }; headers?: Record<string, string> }): Promise<Answer>;
}

/**
 * A logged-in person (Suomi.fi applicant or Virtu official). The login happens on first use and again
 * whenever the API answers 401; concurrent callers share one login.
 */
export function chaosUser(apiUrl: string, idp: 'suomifi' | 'virtu', user: string, counts: RetryCounts, deadlineMs: number): ChaosUser {
  let session: Promise<{ cookie: string; csrfToken: string }> | null = null;
  const login = () => (session ??= (async () => {
    const until = Date.now() + deadlineMs;
    for (;;) {
      try {
        return await loginThroughSandbox({ apiBaseUrl: apiUrl, idp, user });
      } catch (err) {
        if (Date.now() > until) { session = null; throw new StepStuck(`login ${user}`, (err as Error).message); }
        await pause(500);
      }
    }
  })());
  return {
    label: user,
    async call(method, path, opts = {}) {
      const current = await login();
      const headers: Record<string, string> = { accept: 'application/json', cookie: current.cookie, ...opts.headers };
      if (method !== 'GET') {
        headers['x-csrf-token'] = current.csrfToken;
        headers['content-type'] = opts.file?.mediaType ?? 'application/json';
      }
      const answer = await httpCall(`${apiUrl}${path}`, { method, headers, body: method === 'GET' ? undefined : opts.file?.bytes ?? JSON.stringify(opts.body ?? {}) });
      if (answer.status === 401) {
        // Only the first caller to see the lost session logs in again.
        if (session && (await session) === current) { session = null; counts.relogins += 1; }
      }
      return answer;
    },
  };
}

/**
 * Runs one user step until it succeeds: `act` is tried, and before every repeat `done` re-reads the
 * case (true: the step already happened, e.g. the answer was lost with a killed API). A 4xx other than
 * 401/408/409/429 that `done` does not explain is a real refusal and fails the step at once.
 */
export async function userStep(
  step: string, counts: RetryCounts, deadlineMs: number,
  act: () => Promise<Answer>, done: () => Promise<boolean> = async () => false,
): Promise<Answer | null> {
  const until = Date.now() + deadlineMs;
  let last = 'not tried';
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) {
      if (Date.now() > until) throw new StepStuck(step, last);
      await pause(Math.min(200 * attempt, 2_000));
      if (await done().catch(() => false)) { counts.alreadyDone += 1; return null; }
    }
    let answer: Answer;
    try {
      answer = await act();
    } catch (err) {
      if (err instanceof StepStuck) throw err;
      counts.networkErrors += 1;
      last = `network: ${(err as Error).message}`;
      continue;
    }
    if (answer.status < 300) return answer;
    last = `${answer.status} ${answer.body?.error?.code ?? ''} ${answer.body?.error?.message ?? ''}`.trim();
    if (answer.status >= 500) {
      counts.serverErrors += 1;
      // The API's error code, or for an X-Road answer the security server's error or the platform's refusal type.
      const code = `${answer.status} ${answer.body?.error?.code ?? answer.body?.xroadError ?? answer.body?.body?.type ?? ''}`.trim();
      counts.serverErrorCodes[code] = (counts.serverErrorCodes[code] ?? 0) + 1;
      continue;
    }
    if ([401, 408, 409, 429].includes(answer.status)) { counts.conflictsRetried += 1; continue; }
    if (await done().catch(() => false)) { counts.alreadyDone += 1; return null; }
    throw new StepStuck(step, `refused: ${last}`);
  }
}

/** Polls `probe` until it gives a value (not null); network errors count as not yet. */
export async function waitUntil<T>(what: string, deadlineMs: number, probe: () => Promise<T | null>): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > until) throw new StepStuck(what, 'still waiting');
    await pause(300);
  }
}
