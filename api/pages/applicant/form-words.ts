import type { PageContext } from '../framework/render';
import { humanised, type FormWords } from './schema-form';

/** The words of a generated form in the page's language: the catalog names the seeded services' enum values (`applicant:enum.*`). */
export const formWords = (ctx: PageContext): FormWords => ({
  language: ctx.language,
  enumText: (value) => ctx.t(`applicant:enum.${value}`, { defaultValue: humanised(value) }),
});
