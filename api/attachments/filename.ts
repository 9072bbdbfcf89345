const MAX = 200;

/**
 * A file name as the platform keeps it: the last path segment only, without control characters or
 * characters that break headers and file systems, at most 200 characters (keeping the extension). Null when nothing is left.
 */
export function safeFilename(raw: string): string | null {
  const last = raw.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = last.normalize('NFC').replace(/[\u0000-\u001f\u007f"<>:|?*]/g, '_').trim().replace(/^\.+/, '');
  if (cleaned === '' || /^_+$/.test(cleaned)) return null;
  if (cleaned.length <= MAX) return cleaned;
  // Shortened before the extension, so that it stays.
  const ext = /\.[\w-]{1,10}$/.exec(cleaned)?.[0] ?? '';
  return cleaned.slice(0, MAX - ext.length) + ext;
}
