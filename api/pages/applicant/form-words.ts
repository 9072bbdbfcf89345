import type { PageContext } from '../framework/render';
import { humanised, type FormWords } from './schema-form';

/** A schema's enum value in the page's language: the catalog names the seeded services' values (`applicant:enum.*`), others are humanised. */
export const enumText = (ctx: Pick<PageContext, 't'>, value: string): string => ctx.t(`applicant:enum.${value}`, { defaultValue: humanised(value) });

/** The words of a generated form in the page's language. */
export const formWords = (ctx: Pick<PageContext, 'language' | 't'>): FormWords => ({
  language: ctx.language,
  enumText: (value) => enumText(ctx, value),
});
