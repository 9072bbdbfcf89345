import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { AppError, type FieldProblem } from '../infra/errors';
import { ErrorCode } from '../workflows/error-codes';

// Keywords a draft keeps: the shape and the types. Drafts are saved while being filled in, so
// required fields, lengths, patterns and formats are only enforced at submission.
const DRAFT_KEYWORDS = new Set(['$schema', '$id', '$defs', '$ref', 'type', 'properties', 'items', 'prefixItems', 'additionalProperties', 'enum', 'const', 'anyOf', 'oneOf', 'allOf', 'title', 'description']);

/** Validates application forms against their service's JSON Schema (draft 2020-12). */
export function createFormValidator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const cache = new Map<string, { full: ValidateFunction; draft: ValidateFunction }>();

  function compiled(serviceId: string, schema: Record<string, unknown>) {
    // Keyed by content too, so a changed service schema is picked up without a restart.
    const key = `${serviceId}:${JSON.stringify(schema)}`;
    let entry = cache.get(key);
    if (!entry) {
      entry = { full: ajv.compile(schema), draft: ajv.compile(draftSchema(schema) as object) };
      cache.set(key, entry);
    }
    return entry;
  }

  return {
    /** Checks the types of the fields present in a draft; throws FORM_REJECTED naming each bad field. */
    checkDraft(serviceId: string, schema: Record<string, unknown>, form: unknown): void {
      const validate = compiled(serviceId, schema).draft;
      if (!validate(form)) throw rejected(validate.errors ?? [], 'Some fields of the draft have the wrong type.');
    },
    /** Checks a complete form before submission; throws FORM_REJECTED naming each bad or missing field. */
    checkComplete(serviceId: string, schema: Record<string, unknown>, form: unknown): void {
      const validate = compiled(serviceId, schema).full;
      if (!validate(form)) throw rejected(validate.errors ?? [], 'The application form is not complete or has invalid fields.');
    },
  };
}

export type FormValidator = ReturnType<typeof createFormValidator>;

function draftSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(draftSchema);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!DRAFT_KEYWORDS.has(key)) continue;
    // `properties` and `$defs` map names to schemas: keep every name, reduce each schema.
    if (key === 'enum' || key === 'const') out[key] = value; // values, not schemas
    else if (key === 'properties' || key === '$defs') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, sub]) => [name, draftSchema(sub)]));
    } else out[key] = draftSchema(value);
  }
  return out;
}

function rejected(errors: ErrorObject[], message: string): AppError {
  const fields: FieldProblem[] = errors.map((e) => {
    const segments = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'required') segments.push(String(e.params.missingProperty));
    if (e.keyword === 'additionalProperties') segments.push(String(e.params.additionalProperty));
    const message = e.keyword === 'required' ? 'This field is required.'
      : e.keyword === 'additionalProperties' ? 'Unknown field.' : `${e.message ?? 'Invalid value'}.`;
    return { path: ['form', ...segments].join('.'), message };
  });
  return new AppError(ErrorCode.FORM_REJECTED, message, { fields });
}
