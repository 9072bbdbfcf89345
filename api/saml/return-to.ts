/**
 * A safe place to send the browser after login or logout: a same-origin absolute path only.
 * Anything else (absolute URLs, `//host`, backslashes, control characters) falls back to `/`,
 * so a crafted link cannot turn the login into an open redirect.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 512) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(value)) return '/';
  try {
    const url = new URL(value, 'http://lupaflow.invalid');
    if (url.origin !== 'http://lupaflow.invalid') return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
