import { z } from 'zod';
import { ErrorCode } from '../../workflows/error-codes';
import type { Language } from '../../workflows/application/messages';
import { Language as LanguageSchema } from '../openapi/schemas';
import { RouteTable } from '../openapi/route';
import { checkAnswers, evaluateSurvey } from '../survey/evaluate';
import { SurveyAnswers, SurveyParams, SurveyQuestions, SurveyResult } from '../survey/schemas';
import type { SurveyStore } from '../survey/store';

const tag = 'Permit-need survey';

/** The permit-need surveys for applicants, logged in or not: the questions in their language, and what the answers call for. */
export function surveyRoutes(deps: { surveys: SurveyStore }): RouteTable {
  return new RouteTable()
    .add({
      method: 'get', path: '/api/v1/surveys/:surveyId', tag, access: 'public', params: SurveyParams,
      query: z.strictObject({ language: LanguageSchema.optional() }),
      summary: 'The survey\'s questions and options in one language (default: Finnish).',
      response: { status: 200, description: 'The questions.', schema: SurveyQuestions },
      errors: [ErrorCode.NOT_FOUND],
    }, async ({ params, query, req }) => {
      const survey = await deps.surveys.get(params.surveyId);
      const language: Language = query.language ?? req.session?.language ?? 'fi';
      const d = survey.definition;
      return {
        id: survey.id,
        authorityId: survey.authorityId,
        language,
        title: d.title[language],
        questions: d.questions.map((q) => ({ id: q.id, text: q.text[language], options: q.options.map((o) => ({ id: o.id, text: o.text[language] })) })),
      };
    })
    .add({
      method: 'post', path: '/api/v1/surveys/:surveyId/answers', tag, access: 'public', params: SurveyParams, body: SurveyAnswers,
      summary: 'Answers the survey: the permit services required or possibly required, with the reasons in the chosen language.',
      response: { status: 200, description: 'The services the answers call for.', schema: SurveyResult },
      errors: [ErrorCode.NOT_FOUND],
    }, async ({ params, body, req }) => {
      const survey = await deps.surveys.get(params.surveyId);
      checkAnswers(survey.definition, body.answers);
      const language: Language = body.language ?? req.session?.language ?? 'fi';
      return evaluateSurvey(survey.id, survey.definition, body.answers, language, await deps.surveys.services());
    });
}
