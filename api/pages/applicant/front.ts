import type { Router } from 'express';
import { applicantList } from '../../acting-for/organisation-cases';
import { startApplication } from '../../routers/start-application';
import { renderRefusal } from '../framework/forms';
import { applicantOf, page } from '../framework/page';
import type { PagesDeps } from '../index';
import { actingFor } from './principal';
import { newStartKey, startKeyOf } from './start-key';

const FOR_PERSON = 'applicant/templates/start-for-person.njk';

/** The front page (services, the survey, the applicant's applications) and starting an application from the services list. */
export function frontPages(router: Router, deps: PagesDeps): void {
  router.get('/', page(async (ctx) => {
    const services = await deps.services.list();
    const applications = ctx.session?.kind === 'applicant' ? await applicantList(deps, ctx.session) : null;
    await ctx.render('applicant/templates/front.njk', { title: ctx.t('applicant:front.title'), services, applications });
  }));

  router.get('/services', page(async (ctx) => {
    await ctx.render('applicant/templates/services.njk', await servicesData(deps, ctx.t('applicant:services.title')));
  }));

  // For the organisation or the person chosen on /acting-for; a person's identity code is asked first.
  router.post('/services/:serviceId/start', page(async (ctx) => {
    const session = applicantOf(ctx);
    const serviceId = String(ctx.req.params.serviceId);
    const key = startKeyOf(ctx.req.body);
    const chosen = await actingFor(deps, session);
    const identityCode = typeof ctx.req.body.identityCode === 'string' ? ctx.req.body.identityCode.trim() : '';
    const askCode = { title: ctx.t('applicant:startForPerson.title'), serviceId, startKey: key ?? newStartKey(), person: chosen?.kind === 'person' ? chosen.name : '', pagePath: '/services' };
    if (chosen?.kind === 'person' && !identityCode) return ctx.render(FOR_PERSON, askCode);
    try {
      const principal = chosen?.kind === 'person' ? { kind: 'person' as const, identityCode } : chosen;
      const view = await startApplication(deps, session, { serviceId, ...(principal ? { principal } : {}) }, key);
      ctx.redirect(`/applications/${encodeURIComponent(view.applicationId)}/form`);
    } catch (err) {
      if (chosen?.kind === 'person') return renderRefusal(ctx, err, FOR_PERSON, askCode, 'principal.');
      await renderRefusal(ctx, err, 'applicant/templates/services.njk', await servicesData(deps, ctx.t('applicant:services.title')));
    }
  }));
}

async function servicesData(deps: PagesDeps, title: string) {
  return { title, services: (await deps.services.list()).filter((s) => s.active), startKey: newStartKey(), pagePath: '/services' };
}
