import type { Router } from 'express';
import { AppError, isAppError } from '../../../infra/errors';
import { ErrorCode } from '../../../workflows/error-codes';
import { applicationForm, saveDraft, submitApplication } from '../../applicant/operations';
import { renderRefusal, worded } from '../framework/forms';
import { applicantOf, page } from '../framework/page';
import type { PageContext } from '../framework/render';
import type { PagesDeps } from '../index';
import { formWords } from './form-words';
import { formFields, localTitle, readForm } from './schema-form';

const TEMPLATE = 'applicant/templates/form.njk';

/** ATTACHMENTS_MISSING names the types by code: the page names them in its language. */
async function withTypeNames(deps: PagesDeps, ctx: PageContext, id: string, err: unknown): Promise<unknown> {
  if (!isAppError(err) || err.code !== ErrorCode.ATTACHMENTS_MISSING) return err;
  const { view } = await applicationForm(deps, applicantOf(ctx), id);
  const types = (await deps.services.get(view.serviceId))?.attachments.types ?? [];
  const missing = Array.isArray(err.details.missingTypes) ? (err.details.missingTypes as string[]) : [];
  return new AppError(err.code, err.message, {
    ...err.details,
    fields: missing.map((code) => worded({
      path: `attachments.${code}`,
      message: ctx.t('applicant:form.attachmentMissing', { name: types.find((t) => t.code === code)?.names[ctx.language] ?? code }),
    })),
  });
}

/**
 * The application form, generated from the service's JSON Schema: save the draft (types checked) or
 * submit it (complete, with the required attachments). A refused form is shown again as it was typed,
 * with each refused field marked; a refused save changes nothing.
 */
export function formPages(router: Router, deps: PagesDeps): void {
  const formData = async (ctx: PageContext, id: string, typed?: Record<string, unknown>) => {
    const { view, schema } = await applicationForm(deps, applicantOf(ctx), id);
    const service = await deps.services.get(view.serviceId);
    return {
      title: localTitle((schema as { title?: unknown }).title, ctx.language, service?.names[ctx.language] ?? view.serviceId),
      view,
      fields: formFields(schema, typed ?? view.draft.form, formWords(ctx)),
      editable: view.status === 'DRAFT',
    };
  };

  router.get('/applications/:id/form', page(async (ctx) => {
    const data = await formData(ctx, String(ctx.req.params.id));
    await ctx.render(TEMPLATE, { ...data, notice: ctx.req.query.saved ? ctx.t('applicant:form.saved') : null });
  }));

  router.post('/applications/:id/form', page(async (ctx) => {
    const session = applicantOf(ctx);
    const id = String(ctx.req.params.id);
    const { schema } = await applicationForm(deps, session, id);
    const form = readForm(schema, ctx.req.body) ?? {};
    try {
      const expectedVersion = Number(ctx.req.body.version);
      if (!Number.isInteger(expectedVersion) || expectedVersion < 0) throw new AppError(ErrorCode.STALE_VERSION, 'Reload the page and try again.');
      const saved = await saveDraft(deps, session, id, { form, expectedVersion });
      if (ctx.req.body.action !== 'submit') return ctx.redirect(`/applications/${encodeURIComponent(id)}/form?saved=1`);
      await submitApplication(deps, session, id, { draftVersion: saved.draft.version });
      ctx.redirect(`/applications/${encodeURIComponent(id)}?done=submitted`);
    } catch (err) {
      // Missing required attachments are not fields of this page: the summary names them and links to the attachments page.
      const attachments = `/applications/${encodeURIComponent(id)}/attachments`;
      await renderRefusal(ctx, await withTypeNames(deps, ctx, id, err), TEMPLATE, await formData(ctx, id, form), {
        strip: 'form.', hrefOf: (name) => (name.startsWith('attachments.') ? attachments : undefined),
      });
    }
  }));
}
