/**
 * Values built from the JSON Schemas of an OpenAPI 3.1 document, driven by a seeded random source so
 * that a failing fuzz case can be replayed from its seed. Well-formed values follow the schema
 * (types, enums, required fields, lengths, ranges, common formats); patterns are not inverted, so a
 * patterned string is only sometimes valid, which the server must refuse with a documented 4xx.
 */

import { seededRandom, type Random } from '../../infra/seeded-random';

export { seededRandom, type Random };

export type Schema = Record<string, any>;

const FORMATS: Record<string, (r: Random) => string> = {
  uuid: (r) => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => r.int(0, 15).toString(16)),
  'date-time': (r) => new Date(Date.UTC(2026, r.int(0, 11), r.int(1, 28), r.int(0, 23))).toISOString(),
  date: (r) => `2026-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
  email: (r) => `fuzz${r.int(0, 999)}@example.fi`,
  uri: (r) => `https://example.fi/${r.int(0, 999)}`,
};

/** Strings that a pattern in this API commonly asks for (application numbers, service ids, identity codes). */
const PATTERN_SAMPLES = ['LV-2026-000001', 'ymparistolupa', '010280-952L', '1234567-1', 'fi', 'abc'];

function randomText(r: Random, min: number, max: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzåäö ABC-_0123456789';
  const length = r.int(min, Math.max(min, Math.min(max, min + 12)));
  let s = '';
  for (let i = 0; i < length; i += 1) s += alphabet[r.int(0, alphabet.length - 1)];
  return s;
}

export class SchemaValues {
  constructor(private readonly root: Schema, private readonly random: Random) {}

  /** Follows `#/components/...` references. */
  resolve(schema: Schema | undefined): Schema {
    let s = schema ?? {};
    for (let hops = 0; typeof s.$ref === 'string' && hops < 20; hops += 1) {
      s = s.$ref.slice(2).split('/').reduce((node: any, key: string) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], this.root) ?? {};
    }
    return s;
  }

  /** A value that the schema accepts (or nearly so, for patterned strings). */
  valid(schema: Schema | undefined, depth = 0): unknown {
    const r = this.random;
    const s = this.resolve(schema);
    if ('const' in s) return s.const;
    if (Array.isArray(s.enum)) return r.pick(s.enum);
    if (Array.isArray(s.allOf)) return Object.assign({}, ...s.allOf.map((part: Schema) => this.valid(part, depth + 1)));
    const choices = s.anyOf ?? s.oneOf;
    if (Array.isArray(choices)) return this.valid(r.pick(choices.filter((c: Schema) => this.resolve(c).type !== 'null')) ?? choices[0], depth + 1);
    const types: string[] = Array.isArray(s.type) ? s.type.filter((t: string) => t !== 'null') : s.type ? [s.type] : ['object'];
    const type = r.pick(types.length ? types : ['null']);
    switch (type) {
      case 'null': return null;
      case 'boolean': return r.chance(0.5);
      case 'integer':
      case 'number': {
        const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 0);
        const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : min + 1000);
        return r.int(Math.ceil(min), Math.floor(Math.max(min, max)));
      }
      case 'string': {
        if (s.format && FORMATS[s.format]) return FORMATS[s.format](r);
        if (s.pattern) return r.pick(PATTERN_SAMPLES);
        return randomText(r, s.minLength ?? 1, s.maxLength ?? 20);
      }
      case 'array': {
        if (depth > 4) return [];
        const count = r.int(s.minItems ?? 0, Math.min(s.maxItems ?? 3, (s.minItems ?? 0) + 3));
        return Array.from({ length: count }, () => this.valid(s.items, depth + 1));
      }
      default: {
        const out: Record<string, unknown> = {};
        const required = new Set<string>(s.required ?? []);
        for (const [key, prop] of Object.entries<Schema>(s.properties ?? {})) {
          if (required.has(key) || (depth < 4 && r.chance(0.5))) out[key] = this.valid(prop, depth + 1);
        }
        return out;
      }
    }
  }

  /** A value of the wrong JSON type for the schema. */
  wrongType(schema: Schema | undefined): unknown {
    const s = this.resolve(schema);
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    const wrong: Record<string, unknown[]> = {
      string: [12345, true, [], {}],
      integer: ['twelve', 1.5, [], null],
      number: ['twelve', {}, false],
      boolean: ['yes', 2, {}],
      array: ['[]', 7, { 0: 'a' }],
      object: ['{}', 7, ['a'], null],
    };
    return this.random.pick(wrong[type ?? 'object'] ?? [Symbol.for('x').toString()]);
  }
}
