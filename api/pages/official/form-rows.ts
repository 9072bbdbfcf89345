import { enumText } from '../applicant/form-words';
import { localTitle, orderedProperties } from '../applicant/schema-form';
import type { PageContext } from '../framework/render';

type Schema = { title?: string; type?: string; enum?: unknown[]; properties?: Record<string, Schema>; items?: Schema };

/** One answer of the application form, labelled as the form asked it ("Site › Street address"). */
export interface FormRow {
  label: string;
  value: string;
}

/**
 * The form contents as label/value rows in the schema's order (answers the schema does not name come
 * last, under their field names), nested objects flattened with their titles as a path.
 */
export function formRows(schema: Schema, form: Record<string, unknown>, ctx: Pick<PageContext, 'language' | 't'>, trail: string[] = []): FormRow[] {
  const properties = schema.properties ?? {};
  // In the order the applicant filled them in (the stored schema's objects do not keep their key order).
  const names = [...orderedProperties(schema).map(([k]) => k).filter((k) => k in form), ...Object.keys(form).filter((k) => !(k in properties))];
  return names.flatMap((name) => {
    const value = form[name];
    const label = [...trail, localTitle(properties[name]?.title, ctx.language, name)];
    if (isObject(value)) return formRows(properties[name] ?? {}, value, ctx, label);
    // A list of objects (the chemicals of a chemicals permit): each item numbered, its fields under it.
    if (Array.isArray(value) && value.some(isObject)) {
      const last = label.pop()!;
      return value.flatMap((item, i) => (isObject(item)
        ? formRows(properties[name]?.items ?? {}, item, ctx, [...label, `${last} ${i + 1}`])
        : [{ label: [...label, `${last} ${i + 1}`].join(' › '), value: display(item, ctx, properties[name]?.items) }]));
    }
    return [{ label: label.join(' › '), value: display(value, ctx, properties[name]) }];
  });
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** An answer as the applicant chose it: yes/no, a choice's name (as the form offered it), a list joined. */
function display(value: unknown, ctx: Pick<PageContext, 't'>, schema?: Schema): string {
  if (typeof value === 'boolean') return ctx.t(value ? 'common:form.yes' : 'common:form.no');
  if (Array.isArray(value)) return value.map((v) => display(v, ctx, schema?.items)).join(', ');
  if (typeof value === 'string' && schema?.enum?.includes(value)) return enumText(ctx, value);
  return value === null || value === undefined ? '' : String(value);
}
