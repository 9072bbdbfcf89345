import type { z } from 'zod';
import { AppError, type FieldProblem } from '../../infra/errors';
import type { Language, LocalizedText } from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import type { SurveyDefinition, SurveyResult } from './schemas';

type Answers = Record<string, string>;

/** Refuses answers to questions the survey does not have, or with options the question does not have. */
export function checkAnswers(definition: SurveyDefinition, answers: Answers): void {
  const problems: FieldProblem[] = [];
  for (const [questionId, optionId] of Object.entries(answers)) {
    const question = definition.questions.find((q) => q.id === questionId);
    if (!question) problems.push({ path: `answers.${questionId}`, message: `There is no question '${questionId}'.` });
    else if (!question.options.some((o) => o.id === optionId)) problems.push({ path: `answers.${questionId}`, message: `Question '${questionId}' has no option '${optionId}'.` });
  }
  if (problems.length > 0) throw new AppError(ErrorCode.VALIDATION_FAILED, 'Some answers do not fit the survey.', { fields: problems });
}

/**
 * The services the answers call for, with the reasons in `language`: a service is required when
 * any rule that holds says so, otherwise possibly required. Required services come first.
 */
export function evaluateSurvey(
  surveyId: string, definition: SurveyDefinition, answers: Answers, language: Language,
  services: Map<string, { names: LocalizedText; active: boolean }>,
): z.infer<typeof SurveyResult> {
  const found = new Map<string, { level: 'required' | 'possibly_required'; reasons: string[] }>();
  for (const rule of definition.rules) {
    if (!rule.when.every((c) => c.optionIds.includes(answers[c.questionId] ?? ''))) continue;
    const entry = found.get(rule.serviceId) ?? { level: rule.level, reasons: [] };
    if (rule.level === 'required') entry.level = 'required';
    entry.reasons.push(rule.reason[language]);
    found.set(rule.serviceId, entry);
  }
  const list = [...found.entries()].flatMap(([serviceId, e]) => {
    const service = services.get(serviceId);
    // A service removed from the catalogue after the survey was written is left out.
    return service ? [{ serviceId, name: service.names[language], level: e.level, reasons: e.reasons, available: service.active }] : [];
  });
  list.sort((a, b) => (a.level === b.level ? a.serviceId.localeCompare(b.serviceId) : a.level === 'required' ? -1 : 1));
  return { surveyId, language, services: list };
}
