/**
 * Pure validators of Finnish identifiers (specs/valtuudet.md §9). They answer yes or no and never
 * rewrite the value: since 2023 the hetu century sign distinguishes persons (`010594Y9021` ≠ `010594-9021`).
 */

const HETU = /^(\d{2})(\d{2})(\d{2})([-+ABCDEFYXWVU])(\d{3})([0-9A-FHJ-NPR-Y])$/;
const HETU_CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const CENTURY: Record<string, number> = {
  '+': 1800, '-': 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
};

/** True when `value` is a well-formed henkilötunnus: format, a real birth date, and the mod-31 check character. */
export function isValidHetu(value: string): boolean {
  // Parsed by position: `Y` is both a century sign and a check character.
  const m = HETU.exec(value);
  if (!m) return false;
  const [, dd, mm, yy, sign, individual, check] = m;
  if (!isRealDate(CENTURY[sign] + Number(yy), Number(mm), Number(dd))) return false;
  if (Number(individual) < 2) return false; // 000 and 001 are never issued
  return HETU_CHECK_CHARS[Number(dd + mm + yy + individual) % 31] === check;
}

/** True when `value` is a well-formed Y-tunnus `NNNNNNN-C` with a valid mod-11 check digit. */
export function isValidBusinessId(value: string): boolean {
  const m = /^(\d{7})-(\d)$/.exec(value);
  if (!m) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2];
  const sum = [...m[1]].reduce((acc, digit, i) => acc + Number(digit) * weights[i], 0);
  const r = sum % 11;
  if (r === 1) return false; // never issued
  return Number(m[2]) === (r === 0 ? 0 : 11 - r);
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
