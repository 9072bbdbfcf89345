import type nunjucks from 'nunjucks';

const LOCALES: Record<string, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** A timestamp as people in Finland read it, in the page's language: `{{ at | datetime(lang) }}`, `{{ at | date(lang) }}`. */
function formatDate(value: unknown, language: string, withTime: boolean): string {
  if (typeof value !== 'string' && !(value instanceof Date)) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(LOCALES[language] ?? 'fi-FI', {
    timeZone: 'Europe/Helsinki', day: 'numeric', month: 'numeric', year: 'numeric', ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(date);
}

/** A file size: `{{ size | bytes(lang) }}` → `1,5 Mt` / `1.5 MB`. */
function formatBytes(value: unknown, language: string): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return '';
  const units = language === 'en' ? ['B', 'kB', 'MB', 'GB'] : language === 'sv' ? ['B', 'kB', 'MB', 'GB'] : ['t', 'kt', 'Mt', 'Gt'];
  let size = n;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  const text = new Intl.NumberFormat(LOCALES[language] ?? 'fi-FI', { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(size);
  return `${text} ${units[unit]}`;
}

/** Adds the page filters to the template environment. */
export function addFilters(env: nunjucks.Environment): void {
  env.addFilter('datetime', (value: unknown, language: string) => formatDate(value, language, true));
  env.addFilter('date', (value: unknown, language: string) => formatDate(value, language, false));
  env.addFilter('bytes', formatBytes);
  env.addFilter('shortHash', (value: unknown) => (typeof value === 'string' ? value.slice(0, 12) : ''));
  env.addFilter('local', (text: unknown, language: string) => {
    const t = text as Record<string, string> | null | undefined;
    return t ? (t[language] ?? t.fi ?? '') : '';
  });
}
