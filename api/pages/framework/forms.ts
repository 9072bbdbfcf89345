import type { TFunction } from 'i18next';
import type { AppError, FieldProblem } from '../../../infra/errors';
import { ErrorCode } from '../../../workflows/error-codes';
import { HTTP_STATUS, toAppError } from '../../errors';
import { fieldId } from './field-id';
import type { PageContext } from './render';


/** The errors a refused form shows: the summary at the top (linking to the fields) and a message per field. */
export interface FormErrors {
  message: string;
  summary: { text: string; href: string }[];
  fields: Record<string, string>;
}

/**
 * Turns a refusal into what the page shows. Field paths are the API's (`form.area`), named as the page
 * names its fields (RefusalOptions). Messages come from the catalog (`common:errors.codes.*`,
 * `common:errors.fields.*`) when they have an entry, else the refusal's own.
 */
export function formErrors(t: TFunction, err: AppError, options: RefusalOptions = {}): FormErrors {
  const strip = options.strip ?? '';
  const problems: FieldProblem[] = err.details.fields ?? [];
  const fields: Record<string, string> = {};
  for (const problem of problems) {
    const name = problem.path.startsWith(strip) ? problem.path.slice(strip.length) : problem.path;
    fields[name] ??= fieldMessage(t, problem.message);
  }
  const message = errorMessage(t, err);
  const summary = Object.entries(fields).map(([name, text]) => ({ text, href: options.hrefOf?.(name) ?? `#${fieldId(name)}` }));
  return { message, summary: summary.length > 0 ? summary : [{ text: message, href: '#main' }], fields };
}

/** How a page names its fields: `strip` removes the API's path prefix (`form.`); `hrefOf` links a problem that is not a field of the page elsewhere. */
export interface RefusalOptions {
  strip?: string;
  hrefOf?: (name: string) => string | undefined;
}

/** The localized sentence for an error code (falls back to the error's own message). */
export function errorMessage(t: TFunction, err: AppError): string {
  return t(`common:errors.codes.${err.code}`, { defaultValue: err.message });
}

// The validators' field messages are English sentences; the catalog translates the ones they send.
const FIELD_MESSAGE_KEYS: Record<string, string> = {
  'This field is required.': 'required',
  'Unknown field.': 'unknown',
  'must be string.': 'type',
  'must be number.': 'type',
  'must be integer.': 'integer',
  'must be boolean.': 'type',
  'must be equal to one of the allowed values.': 'enum',
  'must match format "date".': 'date',
  'must match format "email".': 'email',
};

function fieldMessage(t: TFunction, message: string): string {
  const key = FIELD_MESSAGE_KEYS[message];
  return key ? t(`common:errors.fields.${key}`) : message;
}

/** Refusals that are not about the input: the page itself cannot be shown (not logged in, not yours). */
const NOT_A_FORM_PROBLEM = new Set<string>([ErrorCode.NOT_AUTHENTICATED, ErrorCode.SESSION_INVALID, ErrorCode.FORBIDDEN, ErrorCode.NOT_FOUND]);

/**
 * Re-renders a form after a refusal: the same template with `errors` and the submitted `values`, and the
 * refusal's 4xx status. Anything that is not a problem with the input (not logged in, not yours, a 5xx)
 * is thrown on to the page error handler. Nothing has been saved: operations refuse before they write.
 */
export async function renderRefusal(
  ctx: PageContext, err: unknown, template: string, data: Record<string, unknown>, options: RefusalOptions | string = {},
): Promise<void> {
  const appError = toAppError(err);
  const status = HTTP_STATUS[appError.code] ?? 500;
  if (status >= 500 || NOT_A_FORM_PROBLEM.has(appError.code)) throw appError;
  await ctx.render(template, { ...data, errors: formErrors(ctx.t, appError, typeof options === 'string' ? { strip: options } : options) }, status);
}
