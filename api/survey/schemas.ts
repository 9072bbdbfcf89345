/** Shapes of the permit-need survey: the administrator's definition, the applicant's answers and the result. */
import { z } from 'zod';
import { Language } from '../openapi/schemas';

export const SLUG = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const slug = z.string().regex(SLUG, 'expected lower-case letters, digits, - and _');
const Text = z.strictObject({
  fi: z.string().trim().min(1).max(1000),
  sv: z.string().trim().min(1).max(1000),
  en: z.string().trim().min(1).max(1000),
});

export const SurveyDefinition = z.strictObject({
  title: Text,
  questions: z.array(z.strictObject({
    id: slug,
    text: Text,
    options: z.array(z.strictObject({ id: slug, text: Text })).min(2).max(12),
  })).min(1).max(30),
  rules: z.array(z.strictObject({
    /** Every condition must hold; a condition holds when the answer is one of its options. */
    when: z.array(z.strictObject({ questionId: slug, optionIds: z.array(slug).min(1) })).min(1).max(10),
    serviceId: slug,
    level: z.enum(['required', 'possibly_required']),
    reason: Text,
  })).min(1).max(200),
}).openapi('SurveyDefinition');

export type SurveyDefinition = z.infer<typeof SurveyDefinition>;

export const SurveyParams = z.strictObject({ surveyId: slug });

export const SurveyQuestions = z.object({
  id: z.string(),
  authorityId: z.string(),
  language: Language,
  title: z.string(),
  questions: z.array(z.object({ id: z.string(), text: z.string(), options: z.array(z.object({ id: z.string(), text: z.string() })) })),
}).openapi('SurveyQuestions');

export const SurveyAnswers = z.strictObject({
  language: Language.optional(),
  /** Question id → the chosen option id; questions left out are unanswered. */
  // At most one answer per question, and a survey has at most 30.
  answers: z.record(z.string().max(64), z.string().max(64)).refine((a) => Object.keys(a).length <= 30, 'A survey has at most 30 questions.'),
}).openapi('SurveyAnswers');

export const SurveyResult = z.object({
  surveyId: z.string(),
  language: Language,
  services: z.array(z.object({
    serviceId: z.string(),
    name: z.string(),
    level: z.enum(['required', 'possibly_required']),
    reasons: z.array(z.string()),
    /** Whether the service takes applications now. */
    available: z.boolean(),
  })),
}).openapi('SurveyResult');

export const StoredSurvey = z.object({ id: z.string(), authorityId: z.string(), definition: SurveyDefinition, updatedAt: z.string() }).openapi('Survey');

