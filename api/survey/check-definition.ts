import { AppError, type FieldProblem } from '../../infra/errors';
import { ErrorCode } from '../../workflows/error-codes';
import type { SurveyDefinition } from './schemas';

function duplicates(ids: string[]): number[] {
  return ids.flatMap((id, i) => (ids.indexOf(id) !== i ? [i] : []));
}

/**
 * What the schema cannot say of a survey: ids are unique, and every rule names a question, options
 * of that question and a permit service that exist. Throws VALIDATION_FAILED naming each problem.
 */
export function checkSurveyDefinition(definition: SurveyDefinition, serviceIds: Set<string>): void {
  const problems: FieldProblem[] = [];
  const questions = new Map(definition.questions.map((q) => [q.id, new Set(q.options.map((o) => o.id))]));
  for (const i of duplicates(definition.questions.map((q) => q.id))) problems.push({ path: `questions.${i}.id`, message: 'Another question has this id.' });
  definition.questions.forEach((q, qi) => {
    for (const i of duplicates(q.options.map((o) => o.id))) problems.push({ path: `questions.${qi}.options.${i}.id`, message: 'Another option of the question has this id.' });
  });
  definition.rules.forEach((rule, ri) => {
    if (!serviceIds.has(rule.serviceId)) problems.push({ path: `rules.${ri}.serviceId`, message: `There is no permit service '${rule.serviceId}'.` });
    rule.when.forEach((condition, ci) => {
      const options = questions.get(condition.questionId);
      if (!options) {
        problems.push({ path: `rules.${ri}.when.${ci}.questionId`, message: `There is no question '${condition.questionId}'.` });
        return;
      }
      condition.optionIds.forEach((optionId, oi) => {
        if (!options.has(optionId)) problems.push({ path: `rules.${ri}.when.${ci}.optionIds.${oi}`, message: `Question '${condition.questionId}' has no option '${optionId}'.` });
      });
    });
  });
  if (problems.length > 0) throw new AppError(ErrorCode.VALIDATION_FAILED, 'The survey refers to questions, options or services that do not exist.', { fields: problems });
}
