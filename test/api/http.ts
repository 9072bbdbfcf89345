/** A logged-in (or anonymous) caller of the API, as a browser would hold it: the cookie and the CSRF token. */
export interface Caller {
  cookie?: string;
  csrfToken?: string;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is, instead of JSON.stringify(body). */
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** Leave out the X-CSRF-Token header. */
  withoutCsrf?: boolean;
}

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** One real HTTP request to the API. */
export async function call(baseUrl: string, caller: Caller, method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (caller.cookie) headers.cookie = caller.cookie;
  if (caller.csrfToken && !opts.withoutCsrf && method !== 'GET') headers['x-csrf-token'] = caller.csrfToken;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  const res = await fetch(`${baseUrl}${path}`, { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON: keep the text */ }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Asserts the one error format and returns the error. */
export function expectError(answer: Answer, status: number, code: string) {
  expect({ status: answer.status, code: answer.body?.error?.code }).toEqual({ status, code });
  expect(typeof answer.body.error.message).toBe('string');
  expect(answer.body.error.requestId).toBe(answer.headers.get('x-request-id'));
  return answer.body.error as { code: string; message: string; requestId: string; details?: any };
}

/** Retries `probe` until it returns a value that passes `done` (for eventually consistent reads such as visibility). */
export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}
