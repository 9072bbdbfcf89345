import type { CommonDataFields, FormData } from '../../workflows/application/messages';
import { targetsOf, tokensOf, type CommonItem } from './common-data-map';
import type { CommonData } from './store';

/** Each common item's value, if the project has one. */
const VALUES: Record<CommonItem, (data: CommonData) => string | undefined> = {
  projectName: (d) => d.name,
  projectDescription: (d) => d.description,
  siteAddress: (d) => d.site.address,
  siteMunicipality: (d) => d.site.municipality,
  propertyId: (d) => d.site.propertyId,
};

/**
 * `start`: a new application's form takes the common data where it has no value yet. `change`: the
 * project's data changed, so a draft takes the new values; one the project no longer has (e.g. a
 * removed property id) is removed.
 */
export type Fill = 'start' | 'change';

/** A copy of `form` with `value` at the pointer's tokens (intermediate objects created as needed); undefined removes. */
function setAt(form: FormData, tokens: string[], value: string | undefined, fill: Fill): FormData {
  const [head, ...rest] = tokens;
  const current = form[head];
  if (rest.length > 0) {
    const inner = typeof current === 'object' && current !== null && !Array.isArray(current) ? current as FormData : {};
    const next = setAt(inner, rest, value, fill);
    return Object.keys(next).length === 0 && current === undefined ? form : { ...form, [head]: next };
  }
  if (fill === 'start' && current !== undefined) return form;
  if (value !== undefined) return { ...form, [head]: value };
  const { [head]: _removed, ...others } = form;
  return others;
}

/**
 * `form` with the project's common data at the fields the service's map points to (top-level fields of
 * the items' names without a map), each checked to be a string field of `schema`. Other fields stay.
 */
export function withCommonData(form: FormData, data: CommonData, schema: Record<string, unknown>, map: CommonDataFields | null | undefined, fill: Fill): FormData {
  let filled = form;
  for (const [item, pointer] of targetsOf(map, schema)) filled = setAt(filled, tokensOf(pointer), VALUES[item](data), fill);
  return filled;
}
