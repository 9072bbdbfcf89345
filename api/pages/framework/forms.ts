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
    fields[name] ??= PAGE_WORDED.has(problem) ? problem.message : fieldMessage(t, problem.message);
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

const PAGE_WORDED = new WeakSet<FieldProblem>();

/** Marks a field problem the page has already worded in its own language: formErrors shows it as it is. */
export function worded(problem: FieldProblem): FieldProblem {
  PAGE_WORDED.add(problem);
  return problem;
}

// The validators' field messages (ajv's, zod's, the operations' own) are English sentences for API
// clients; the page says each in its own language, keeping the limit a message names.
const FIELD_MESSAGES: [RegExp, string][] = [
  [/^This field is required\.$|^must not be empty$|^Too small: expected string to have >=1 characters$|^must NOT have fewer than 1 characters\.$/, 'required'],
  [/^Unknown field\.$/, 'unknown'],
  [/^must be (string|number|boolean)\.$|^Invalid input: expected /, 'type'],
  [/^must be integer\.$/, 'integer'],
  [/^must be equal to one of the allowed values\.$|^Invalid option: /, 'enum'],
  [/^must match format "date"\.$/, 'date'],
  [/^must match format "email"\.$|^must be an e-mail address/, 'email'],
  [/^must NOT have more than (?<limit>\d+) characters\.$|^Too big: expected string to have <=(?<limit2>\d+) /, 'tooLong'],
  [/^must NOT have fewer than (?<limit>\d+) characters\.$|^Too small: expected string to have >=(?<limit2>\d+) /, 'tooShort'],
  [/^must be >=? (?<limit>-?[\d.]+)\.$|^Too small: expected number to be >=?(?<limit2>-?[\d.]+)/, 'min'],
  [/^must be <=? (?<limit>-?[\d.]+)\.$|^Too big: expected number to be <=?(?<limit2>-?[\d.]+)/, 'max'],
  [/^must match pattern /, 'pattern'],
];

function fieldMessage(t: TFunction, message: string): string {
  for (const [pattern, key] of FIELD_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return t(`common:errors.fields.${key}`, { limit: match.groups?.limit ?? match.groups?.limit2 });
  }
  // A message the catalog has no words for is not shown in English on a Finnish or Swedish page.
  return t('common:errors.fields.invalid');
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
