import type { FieldProblem } from '../../infra/errors';
import type { CommonDataFields } from '../../workflows/application/messages';

/** The items of a project's common data, in the order they are filled. */
export const COMMON_ITEMS = ['projectName', 'projectDescription', 'siteAddress', 'siteMunicipality', 'propertyId'] as const;
export type CommonItem = (typeof COMMON_ITEMS)[number];

/** A JSON Pointer's reference tokens (RFC 6901): `/site/street` → ['site', 'street']. */
export function tokensOf(pointer: string): string[] {
  return pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Whether `pointer` names a string property of `schema`, following nested `properties`. */
export function resolvesToString(schema: Record<string, unknown>, pointer: string): boolean {
  if (!pointer.startsWith('/') || pointer === '/') return false;
  let node: unknown = schema;
  for (const token of tokensOf(pointer)) {
    const properties = (node as { properties?: Record<string, unknown> } | undefined)?.properties;
    if (!properties || typeof properties !== 'object' || !Object.hasOwn(properties, token)) return false;
    node = properties[token];
  }
  return (node as { type?: unknown } | undefined)?.type === 'string';
}

/**
 * The pointers the common data fills in a form of `schema`. A service without a map keeps the first
 * rule: the top-level properties of the items' own names, where the schema has them.
 */
export function targetsOf(map: CommonDataFields | null | undefined, schema: Record<string, unknown>): [CommonItem, string][] {
  const pointers = COMMON_ITEMS.map((item): [CommonItem, string | undefined] => [item, map ? map[item] : `/${item}`]);
  return pointers.filter((p): p is [CommonItem, string] => p[1] !== undefined && resolvesToString(schema, p[1]));
}

/** What is wrong with a service's map against its form schema, each problem naming `commonDataFields.<item>`. */
export function commonDataMapProblems(map: CommonDataFields, schema: Record<string, unknown>): FieldProblem[] {
  return Object.entries(map)
    .filter(([, pointer]) => !resolvesToString(schema, pointer as string))
    .map(([item, pointer]) => ({ path: `commonDataFields.${item}`, message: `${pointer} is not a string field of the form schema.` }));
}
