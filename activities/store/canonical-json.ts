/**
 * Canonical JSON: object keys sorted (recursively), no whitespace, array order kept, undefined
 * members dropped as JSON.stringify drops them. The same content always gives the same bytes, so
 * its SHA-256 can stand in a receipt.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort()) sorted[key] = sortKeys(source[key]);
    return sorted;
  }
  return value;
}
