/**
 * The application form generated from the service's JSON Schema: the fields to render (with labels in
 * the page's language, required marks, current values) and the reading of a posted form back into the
 * JSON the schema describes. Types: string (text, textarea for long ones, date, email), number, integer,
 * boolean, enum, nested objects (fieldsets) and arrays of objects (rows, one empty row to add another).
 */
import type { Language } from '../../../workflows/application/messages';

type Schema = Record<string, any>;
type Form = Record<string, unknown>;

export type FormField =
  | { kind: 'input'; name: string; label: string; required: boolean; value: unknown; type: 'text' | 'email' | 'date' | 'number'; inputmode?: string; step?: string }
  | { kind: 'textarea'; name: string; label: string; required: boolean; value: unknown }
  | { kind: 'select'; name: string; label: string; required: boolean; value: unknown; options: { value: string; text: string }[] }
  | { kind: 'checkbox'; name: string; label: string; required: boolean; checked: boolean }
  | { kind: 'fieldset'; name: string; label: string; required: boolean; fields: FormField[] };

const LANGUAGE_INDEX: Record<Language, number> = { fi: 0, sv: 1, en: 2 };
// Strings allowed to be this long get a textarea.
const LONG_TEXT = 500;

/** A schema title in the page's language: the seeded forms write them as `suomeksi / på svenska / in English`. */
export function localTitle(title: unknown, language: Language, fallback: string): string {
  if (typeof title !== 'string' || title.trim() === '') return fallback;
  const parts = title.split(' / ');
  return parts.length === 3 ? parts[LANGUAGE_INDEX[language]].trim() : title;
}

/**
 * The properties in the order a person fills them in. PostgreSQL's jsonb does not keep the order of object
 * keys, but it keeps arrays: the required ones come first in the order of `required`, then the rest.
 */
export function orderedProperties(schema: Schema): [string, Schema][] {
  const properties = Object.entries<Schema>(schema.properties ?? {});
  const order: string[] = Array.isArray(schema.required) ? schema.required : [];
  const rank = (key: string) => (order.includes(key) ? order.indexOf(key) : order.length);
  return properties.sort(([a], [b]) => rank(a) - rank(b));
}

/** An enum value as a person reads it when no translation names it (`industrial_plant` → `Industrial plant`). */
export const humanised = (value: string) => {
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** The page's language, and the words for a schema's enum values (default: the value humanised). */
export interface FormWords {
  language: Language;
  enumText?: (value: string) => string;
}

/** The fields of `schema` (an object schema) with the values of `form`. */
export function formFields(schema: Schema, form: Form, words: FormWords, prefix = ''): FormField[] {
  const { language, enumText = humanised } = words;
  const required = new Set<string>(Array.isArray(schema.required) ? schema.required : []);
  return orderedProperties(schema).flatMap(([key, prop]): FormField[] => {
    const name = prefix ? `${prefix}.${key}` : key;
    const label = localTitle(prop.title, language, key);
    const isRequired = required.has(key);
    const value = form?.[key];
    if (Array.isArray(prop.enum)) {
      return [{ kind: 'select', name, label, required: isRequired, value, options: prop.enum.map((v: unknown) => ({ value: String(v), text: enumText(String(v)) })) }];
    }
    switch (prop.type) {
      case 'object':
        return [{ kind: 'fieldset', name, label, required: isRequired, fields: formFields(prop, (value ?? {}) as Form, words, name) }];
      case 'array': {
        if (prop.items?.type !== 'object') return [];
        const rows = Array.isArray(value) ? (value as Form[]) : [];
        // Every saved row, and one empty one to add another (saving the draft keeps it if filled in).
        return [{ kind: 'fieldset', name, label, required: isRequired, fields: [...rows, {}].map((row, i) => ({
          kind: 'fieldset' as const, name: `${name}.${i}`, label: `${label} ${i + 1}`, required: false, fields: formFields(prop.items, row, words, `${name}.${i}`),
        })) }];
      }
      case 'boolean':
        return [{ kind: 'checkbox', name, label, required: isRequired, checked: value === true }];
      case 'number':
      case 'integer':
        return [{ kind: 'input', name, label, required: isRequired, value, type: 'text', inputmode: prop.type === 'integer' ? 'numeric' : 'decimal' }];
      case 'string':
        if (prop.format === 'date') return [{ kind: 'input', name, label, required: isRequired, value, type: 'date' }];
        if (prop.format === 'email') return [{ kind: 'input', name, label, required: isRequired, value, type: 'email' }];
        if (typeof prop.maxLength === 'number' && prop.maxLength > LONG_TEXT) return [{ kind: 'textarea', name, label, required: isRequired, value }];
        return [{ kind: 'input', name, label, required: isRequired, value, type: 'text' }];
      default:
        return [];
    }
  });
}

/**
 * Reads a posted form (flat `a.b.0.c` names) into the schema's JSON. Empty inputs are left out, so a
 * draft may be partial; a number that does not parse is kept as typed, for the schema check to refuse
 * and the page to show again. Names the schema does not have are ignored.
 */
export function readForm(schema: Schema, body: Record<string, unknown>, prefix = ''): Form | undefined {
  const out: Form = {};
  for (const [key, prop] of Object.entries<Schema>(schema.properties ?? {})) {
    const name = prefix ? `${prefix}.${key}` : key;
    const value = readValue(prop, body, name);
    if (value !== undefined) out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function readValue(prop: Schema, body: Record<string, unknown>, name: string): unknown {
  if (prop.type === 'object') return readForm(prop, body, name);
  if (prop.type === 'array') {
    if (prop.items?.type !== 'object') return undefined;
    const rows: Form[] = [];
    for (const index of rowIndexes(body, name)) {
      const row = readForm(prop.items, body, `${name}.${index}`);
      if (row) rows.push(row);
    }
    return rows.length > 0 ? rows : undefined;
  }
  if (prop.type === 'boolean') return body[name] === 'true';
  const raw = body[name];
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const text = raw.trim();
  if (prop.type === 'number' || prop.type === 'integer') {
    const number = Number(text.replace(',', '.'));
    return Number.isFinite(number) ? number : text;
  }
  return text;
}

/** The row numbers posted for an array field `name` (`name.0.x`, `name.1.y`), in order. */
function rowIndexes(body: Record<string, unknown>, name: string): number[] {
  const indexes = new Set<number>();
  for (const key of Object.keys(body)) {
    const match = key.startsWith(`${name}.`) ? /^(\d{1,3})\./.exec(key.slice(name.length + 1)) : null;
    if (match) indexes.add(Number(match[1]));
  }
  return [...indexes].sort((a, b) => a - b);
}
