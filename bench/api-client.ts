/**
 * A small JSON client for the lupaflow HTTP API, shared by the demo and the benchmark. It carries one
 * login session (cookie + CSRF token), turns the API's one error format into an ApiError, and reports
 * each call's latency to an optional observer.
 */

/** A login session as loginThroughSandbox returns it. */
export interface ApiSession {
  cookie: string;
  csrfToken: string;
}

/** One finished API call, for latency statistics. */
export interface CallTiming {
  method: string;
  path: string;
  status: number;
  ms: number;
}

interface ErrorBody {
  error?: {
    code?: string;
    message?: string;
    requestId?: string;
    details?: { fields?: { path: string; message: string }[] } & Record<string, unknown>;
  };
}

/** A 4xx/5xx answer of the API, in its one error format. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly requestId: string | undefined,
    readonly details: unknown,
  ) {
    super(`${method} ${path} → ${status} ${code}: ${apiMessage}${formatFields(details)}${requestId ? ` (request ${requestId})` : ''}`);
    this.name = 'ApiError';
  }
}

function formatFields(details: unknown): string {
  const fields = (details as { fields?: { path: string; message: string }[] } | undefined)?.fields;
  if (!Array.isArray(fields) || fields.length === 0) return '';
  return ` [${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}]`;
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  /** POSTs a file as the raw body (an attachment upload), `mediaType` as its Content-Type. */
  upload<T>(path: string, bytes: Uint8Array, mediaType: string): Promise<T>;
}

/**
 * Builds a client for `baseUrl`, or for several API instances taken in turn (round-robin: a session
 * works on each, as sessions live in PostgreSQL); with a session, every call sends its cookie and every
 * change its CSRF token.
 */
export function createApiClient(baseUrl: string | readonly string[], opts: { session?: ApiSession; onCall?: (timing: CallTiming) => void } = {}): ApiClient {
  const baseUrls = typeof baseUrl === 'string' ? [baseUrl] : baseUrl;
  let turn = 0;
  async function call<T>(method: string, path: string, body?: unknown, file?: { bytes: Uint8Array; mediaType: string }): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.session) headers.cookie = opts.session.cookie;
    if (method !== 'GET') {
      headers['content-type'] = file?.mediaType ?? 'application/json';
      if (opts.session) headers['x-csrf-token'] = opts.session.csrfToken;
    }
    const started = performance.now();
    const res = await fetch(new URL(path, baseUrls[turn++ % baseUrls.length]), {
      method,
      headers,
      body: method === 'GET' ? undefined : file?.bytes ?? JSON.stringify(body ?? {}),
      redirect: 'manual',
    });
    const text = await res.text();
    opts.onCall?.({ method, path, status: res.status, ms: performance.now() - started });
    const parsed = text ? safeJson(text) : undefined;
    if (res.status >= 400) {
      const error = (parsed as ErrorBody | undefined)?.error;
      throw new ApiError(method, path, res.status, error?.code ?? 'UNKNOWN', error?.message ?? text.slice(0, 200), error?.requestId, error?.details);
    }
    return parsed as T;
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    upload: (path, bytes, mediaType) => call('POST', path, undefined, { bytes, mediaType }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
