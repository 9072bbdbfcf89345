/**
 * A safe place to send the browser after login or logout: a same-origin absolute path only.
 * Anything else (absolute URLs, `//host`, backslashes, control characters) falls back to `/`,
 * so a crafted link cannot turn the login into an open redirect.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 512) return '/';
  if (!isLocalPath(value) || /[\u0000-\u001f\u007f]/.test(value)) return '/';
  try {
    const url = new URL(value, 'http://lupaflow.invalid');
    if (url.origin !== 'http://lupaflow.invalid') return '/';
    const normalised = `${url.pathname}${url.search}${url.hash}`;
    // Normalising resolves dot segments: `/.//evil.example` becomes `//evil.example`, which a
    // browser reads as another host. So the output is checked as strictly as the input.
    return isLocalPath(normalised) ? normalised : '/';
  } catch {
    return '/';
  }
}

/** Starts with one `/` and has no backslash (browsers read `/\host` and `//host` as another host). */
const isLocalPath = (path: string) => path.startsWith('/') && !path.startsWith('//') && !path.includes('\\');
