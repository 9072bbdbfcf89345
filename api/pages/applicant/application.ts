import type { Router } from 'express';
import type { ApplicationView } from '../../../workflows/application/messages';
import {
  answerSupplement, applicationForm, readApplication, readApplicationTimeline, SupplementAnswerBody, withdrawApplication, WithdrawBody,
} from '../../applicant/operations';
import { setConsent } from '../../consent/set-consent';
import { validInput } from '../../projects/valid-input';
import type { Session } from '../../session/types';
import { renderRefusal } from '../framework/forms';
import { applicantOf, page } from '../framework/page';
import type { PageContext } from '../framework/render';
import type { PagesDeps } from '../index';
import { formWords } from './form-words';
import { formFields, readForm } from './schema-form';

const STATUS = 'applicant/templates/application.njk';
const SUPPLEMENT = 'applicant/templates/supplement.njk';
const NOTICES = ['submitted', 'consent', 'answered', 'withdrawn'] as const;

/** The open supplement request (not answered, not lapsed), if any. */
const openRequest = (view: ApplicationView) => view.supplementRequests.find((r) => !r.answeredAt && !r.lapsed) ?? null;

/** An application's status page (timeline, receipt, supplement requests, decision), consent, answering a supplement request, withdrawing. */
export function applicationPages(router: Router, deps: PagesDeps): void {
  const statusData = async (ctx: PageContext, session: Session, id: string) => {
    const view = await readApplication(deps, session, id);
    const [timeline, names] = await Promise.all([readApplicationTimeline(deps, session, id), deps.projects.serviceNames([view.serviceId])]);
    const name = names.get(view.serviceId);
    return {
      title: ctx.t('applicant:application.title', { id: view.applicationId }),
      view,
      timeline: [...timeline].reverse(),
      serviceName: name?.serviceNames,
      authorityName: name?.authorityNames,
      openRequest: openRequest(view),
      own: view.applicant.ref === session.subjectRef,
      pagePath: `/applications/${encodeURIComponent(id)}`,
    };
  };
  const idOf = (ctx: PageContext) => String(ctx.req.params.id);
  const back = (ctx: PageContext, notice: string) => ctx.redirect(`/applications/${encodeURIComponent(idOf(ctx))}?done=${notice}`);

  router.get('/applications/:id', page(async (ctx) => {
    const session = applicantOf(ctx);
    const done = NOTICES.find((n) => n === ctx.req.query.done);
    await ctx.render(STATUS, { ...(await statusData(ctx, session, idOf(ctx))), notice: done ? ctx.t(`applicant:application.done.${done}`) : null });
  }));

  router.post('/applications/:id/consent', page(async (ctx) => {
    const session = applicantOf(ctx);
    try {
      await setConsent(deps, session, idOf(ctx), { given: ctx.req.body.given === 'true' });
      back(ctx, 'consent');
    } catch (err) {
      await renderRefusal(ctx, err, STATUS, await statusData(ctx, session, idOf(ctx)));
    }
  }));

  router.post('/applications/:id/withdraw', page(async (ctx) => {
    const session = applicantOf(ctx);
    try {
      const reason = String(ctx.req.body.reason ?? '').trim();
      await withdrawApplication(deps, session, idOf(ctx), validInput(WithdrawBody, reason ? { reason } : {}));
      back(ctx, 'withdrawn');
    } catch (err) {
      await renderRefusal(ctx, err, STATUS, { ...(await statusData(ctx, session, idOf(ctx))), values: ctx.req.body });
    }
  }));

  // The answer may come with a corrected form: the application's fields, filled in with the draft (or as typed).
  const supplementData = async (ctx: PageContext, session: Session, typed?: Record<string, unknown>) => {
    const { view, schema } = await applicationForm(deps, session, idOf(ctx));
    return {
      ...(await statusData(ctx, session, idOf(ctx))),
      title: ctx.t('applicant:supplement.title'),
      fields: formFields(schema, typed ?? view.draft.form, formWords(ctx)),
      pagePath: `/applications/${encodeURIComponent(idOf(ctx))}/supplement`,
    };
  };

  router.get('/applications/:id/supplement', page(async (ctx) => {
    await ctx.render(SUPPLEMENT, { ...(await supplementData(ctx, applicantOf(ctx))), values: {} });
  }));

  router.post('/applications/:id/supplement', page(async (ctx) => {
    const session = applicantOf(ctx);
    const correct = ctx.req.body.correctForm === 'true';
    const form = correct ? readForm((await applicationForm(deps, session, idOf(ctx))).schema, ctx.req.body) ?? {} : undefined;
    try {
      const body = validInput(SupplementAnswerBody, {
        requestId: String(ctx.req.body.requestId ?? ''), message: String(ctx.req.body.message ?? '').trim(), ...(form ? { form } : {}),
      });
      await answerSupplement(deps, session, idOf(ctx), body);
      back(ctx, 'answered');
    } catch (err) {
      await renderRefusal(ctx, err, SUPPLEMENT, { ...(await supplementData(ctx, session, form)), values: ctx.req.body }, 'form.');
    }
  }));
}
