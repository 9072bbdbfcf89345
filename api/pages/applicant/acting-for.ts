import type { Router } from 'express';
import { AppError } from '../../../infra/errors';
import { ErrorCode } from '../../../workflows/error-codes';
import { beginChoice, endChoice, type ActingForDeps } from '../../acting-for/choose';
import type { Session } from '../../session/types';
import { renderRefusal } from '../framework/forms';
import { applicantOf, page } from '../framework/page';
import type { PageContext } from '../framework/render';
import type { PagesDeps } from '../index';

const OUTCOMES = new Set(['chosen', 'cancelled', 'expired', 'refused', 'unavailable']);
const TEMPLATE = 'applicant/templates/acting-for.njk';

/**
 * Whom the applicant acts for (api/acting-for): themselves, or an organisation or a person chosen in
 * Suomi.fi e-Authorizations. Choosing sends the browser there; its callback comes back here with
 * `?actingFor=<outcome>`, which the page reports.
 */
export function actingForPages(router: Router, deps: PagesDeps): void {
  const acting: ActingForDeps = { valtuudet: deps.valtuudet, db: deps.db, publicBaseUrl: deps.publicBaseUrl, logger: deps.logger };

  const data = async (ctx: PageContext, session: Session) => {
    const current = (await deps.valtuudet?.selections.current(session.id)) ?? null;
    return {
      title: ctx.t('applicant:actingFor.title'),
      current: current && { kind: current.principal.kind, name: current.principal.name },
      available: Boolean(deps.valtuudet),
    };
  };

  router.get('/acting-for', page(async (ctx) => {
    const session = applicantOf(ctx);
    const outcome = typeof ctx.req.query.actingFor === 'string' && OUTCOMES.has(ctx.req.query.actingFor) ? ctx.req.query.actingFor : null;
    const notice = outcome ? ctx.t(`applicant:actingFor.outcome.${outcome}`) : ctx.req.query.done ? ctx.t('applicant:actingFor.outcome.self') : null;
    await ctx.render(TEMPLATE, { ...(await data(ctx, session)), notice });
  }));

  router.post('/acting-for', page(async (ctx) => {
    const session = applicantOf(ctx);
    const kind = ctx.req.body.kind;
    try {
      if (kind === 'self') {
        if (deps.valtuudet) await endChoice(acting, session);
        return ctx.redirect('/acting-for?done=1');
      }
      if (kind !== 'organisation' && kind !== 'person') {
        throw new AppError(ErrorCode.VALIDATION_FAILED, 'Choose whom you act for.', { fields: [{ path: 'kind', message: 'This field is required.' }] });
      }
      ctx.res.redirect(303, await beginChoice(acting, session, { kind, returnTo: '/acting-for' }));
    } catch (err) {
      await renderRefusal(ctx, err, TEMPLATE, { ...(await data(ctx, session)), values: { kind } });
    }
  }));
}
