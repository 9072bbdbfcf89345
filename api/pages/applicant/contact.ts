import type { Router } from 'express';
import { getContact, setContact } from '../../contact/operations';
import { renderRefusal } from '../framework/forms';
import { applicantOf, page } from '../framework/page';
import type { PagesDeps } from '../index';

const TEMPLATE = 'applicant/templates/contact.njk';

/** The applicant's contact address for notifications (supplement requests, decisions, deadlines). */
export function contactPages(router: Router, deps: PagesDeps): void {
  router.get('/contact', page(async (ctx) => {
    const contact = await getContact(deps, applicantOf(ctx));
    await ctx.render(TEMPLATE, {
      title: ctx.t('applicant:contact.title'),
      values: { email: contact.email ?? '', language: contact.language ?? '' },
      notice: ctx.req.query.saved ? ctx.t('applicant:contact.saved') : null,
    });
  }));

  router.post('/contact', page(async (ctx) => {
    const session = applicantOf(ctx);
    const email = String(ctx.req.body.email ?? '');
    const language = ['fi', 'sv', 'en'].includes(ctx.req.body.language) ? ctx.req.body.language : undefined;
    try {
      await setContact(deps, session, { email, ...(language ? { language } : {}) });
      ctx.redirect('/contact?saved=1');
    } catch (err) {
      await renderRefusal(ctx, err, TEMPLATE, { title: ctx.t('applicant:contact.title'), values: ctx.req.body });
    }
  }));
}
