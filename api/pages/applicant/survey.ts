import type { Router } from 'express';
import { AppError } from '../../../infra/errors';
import { ErrorCode } from '../../../workflows/error-codes';
import { checkAnswers, evaluateSurvey } from '../../survey/evaluate';
import { createSurveyStore, type StoredSurvey } from '../../survey/store';
import { renderRefusal } from '../framework/forms';
import { page } from '../framework/page';
import type { PageContext } from '../framework/render';
import type { PagesDeps } from '../index';

/** The permit-need survey (api/survey): its questions, and on answering, the services the answers call for with links to them. */
export function surveyPages(router: Router, deps: PagesDeps): void {
  const surveys = createSurveyStore(deps.db);

  // `?id=` picks a survey; without it, the first one. No survey at all: the page says so.
  const chosen = async (id: unknown): Promise<StoredSurvey | null> => {
    if (typeof id === 'string' && id !== '') return surveys.get(id);
    return (await surveys.list())[0] ?? null;
  };
  const data = (ctx: PageContext, survey: StoredSurvey | null, answers: Record<string, string> = {}) => ({
    title: survey ? survey.definition.title[ctx.language] : ctx.t('applicant:survey.title'),
    survey: survey && {
      id: survey.id,
      questions: survey.definition.questions.map((q) => ({
        name: `answers.${q.id}`, text: q.text[ctx.language], value: answers[q.id],
        options: q.options.map((o) => ({ value: o.id, text: o.text[ctx.language] })),
      })),
    },
  });

  router.get('/survey', page(async (ctx) => {
    await ctx.render('applicant/templates/survey.njk', data(ctx, await chosen(ctx.req.query.id)));
  }));

  router.post('/survey', page(async (ctx) => {
    const survey = await chosen(ctx.req.body.surveyId);
    if (!survey) throw new AppError(ErrorCode.NOT_FOUND, 'No such survey.');
    const answers: Record<string, string> = {};
    for (const [name, value] of Object.entries(ctx.req.body as Record<string, unknown>)) {
      if (name.startsWith('answers.') && typeof value === 'string' && value !== '') answers[name.slice('answers.'.length)] = value;
    }
    try {
      checkAnswers(survey.definition, answers);
    } catch (err) {
      return renderRefusal(ctx, err, 'applicant/templates/survey.njk', data(ctx, survey, answers));
    }
    const result = evaluateSurvey(survey.id, survey.definition, answers, ctx.language, await surveys.services());
    await ctx.render('applicant/templates/survey.njk', { ...data(ctx, survey, answers), result });
  }));
}
