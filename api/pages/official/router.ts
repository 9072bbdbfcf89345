/**
 * The official portal pages: the queue of the authority's cases and a case with its acknowledge,
 * supplement request and decision forms. Each calls the official operations the JSON API calls
 * (api/official/operations.ts: same permission checks, same usage log).
 */
import { Router, type Request } from 'express';
import type { AppError } from '../../../infra/errors';
import { acknowledgeCase, decideCase, requestCaseSupplement } from '../../official/operations';
import type { RouterDeps } from '../../routers/deps';
import { toAppError } from '../../errors';
import { renderRefusal, worded } from '../framework/forms';
import { officialOf, page } from '../framework/page';
import type { PageContext } from '../framework/render';
import { casePageData } from './case-page';
import { acknowledgeInput, decisionInput, formFields, supplementRequestInput } from './form-input';
import { queuePageData } from './queue';

const QUEUE = '/official';
const CASE_TEMPLATE = 'official/templates/case.njk';

/** The forms of the case page, by the path they post to; each field the form has gets its message from the catalog. */
const FORMS = {
  acknowledge: { fields: ['caseNumber'], run: (deps: RouterDeps, req: Request, id: string, f: Record<string, string>) => acknowledgeCase(deps, req, id, acknowledgeInput(f)) },
  'supplement-request': { fields: ['message', 'deadline'], run: (deps: RouterDeps, req: Request, id: string, f: Record<string, string>) => requestCaseSupplement(deps, req, id, supplementRequestInput(f)) },
  decision: { fields: ['outcome', 'text'], run: (deps: RouterDeps, req: Request, id: string, f: Record<string, string>) => decideCase(deps, req, id, decisionInput(f)) },
} as const;
type FormName = keyof typeof FORMS;

export function officialPages(deps: RouterDeps): Router {
  const router = Router();
  const chrome = (ctx: PageContext, current: boolean) => ({
    homeHref: QUEUE,
    nav: [{ href: QUEUE, text: ctx.t('official:nav.queue'), current }],
  });

  router.get(QUEUE, page(async (ctx) => {
    officialOf(ctx);
    await ctx.render('official/templates/queue.njk', { title: ctx.t('official:queue.title'), ...chrome(ctx, true), ...(await queuePageData(deps, ctx)) });
  }));

  router.get(`${QUEUE}/cases/:id`, page(async (ctx) => {
    const session = officialOf(ctx);
    const done = ctx.req.query.done;
    const notice = typeof done === 'string' && Object.hasOwn(FORMS, done) ? ctx.t(`official:done.${done}`) : undefined;
    await ctx.render(CASE_TEMPLATE, { ...chrome(ctx, false), notice, ...(await casePageData(deps, ctx, String(ctx.req.params.id), session)) });
  }));

  for (const name of Object.keys(FORMS) as FormName[]) {
    router.post(`${QUEUE}/cases/:id/${name}`, page(async (ctx) => {
      const session = officialOf(ctx);
      const id = String(ctx.req.params.id);
      const fields = formFields(ctx.req.body);
      try {
        await FORMS[name].run(deps, ctx.req, id, fields);
      } catch (err) {
        const refusal = localizeFields(ctx, toAppError(err), FORMS[name].fields);
        const data = await casePageData(deps, ctx, id, session);
        // pagePath: the language switcher leads to the case page, not to the form's address (which takes no GET).
        return renderRefusal(ctx, refusal, CASE_TEMPLATE, { ...chrome(ctx, false), ...data, values: fields, refusedForm: name, pagePath: `${QUEUE}/cases/${encodeURIComponent(id)}` });
      }
      ctx.redirect(`${QUEUE}/cases/${encodeURIComponent(id)}?done=${name}`);
    }));
  }
  return router;
}

/**
 * The validators speak English to API clients; on the page each field of the form gets its message
 * from the catalog (what the field must be), in the page's language.
 */
function localizeFields(ctx: PageContext, err: AppError, formFieldNames: readonly string[]): AppError {
  for (const problem of err.details.fields ?? []) {
    if (formFieldNames.includes(problem.path)) worded(Object.assign(problem, { message: ctx.t(`official:fieldErrors.${problem.path}`) }));
  }
  return err;
}
