import type { Router } from 'express';
import { AppError } from '../../../infra/errors';
import { ATTACHABLE, attachmentSettings } from '../../../workflows/application/attachments';
import { ErrorCode } from '../../../workflows/error-codes';
import { removeAttachment, storeAttachment } from '../../attachments/operations';
import { applicantCase, caseSettings, storedView } from '../../routers/cases';
import type { Session } from '../../session/types';
import { renderRefusal } from '../framework/forms';
import { receiveFile } from '../framework/multipart';
import { applicantOf, page } from '../framework/page';
import type { PageContext } from '../framework/render';
import type { PagesDeps } from '../index';

const TEMPLATE = 'applicant/templates/attachments.njk';

/**
 * An application's attachments: the files with type, size and SHA-256, the service's types (required
 * ones marked) and limits, uploading one file with a plain multipart form (streamed into the
 * attachments store), taking one out.
 */
export function attachmentPages(router: Router, deps: PagesDeps): void {
  const data = async (ctx: PageContext, session: Session, id: string) => {
    const row = await applicantCase(deps, id, session);
    const view = storedView(row);
    const settings = attachmentSettings(await caseSettings(deps, row));
    const typeName = new Map(settings.types.map((t) => [t.code, t.names[ctx.language] ?? t.code]));
    const present = new Set(view.attachments.map((a) => a.type));
    return {
      title: ctx.t('applicant:attachments.title'),
      view,
      settings,
      typeChoices: settings.types.map((t) => ({ value: t.code, text: typeName.get(t.code) })),
      types: settings.types.map((t) => ({ code: t.code, name: typeName.get(t.code), required: t.required, present: present.has(t.code) })),
      files: view.attachments.map((a) => ({ ...a, typeName: typeName.get(a.type) ?? a.type })),
      editable: ATTACHABLE.includes(view.status),
      pagePath: `/applications/${encodeURIComponent(id)}/attachments`,
    };
  };
  const idOf = (ctx: PageContext) => String(ctx.req.params.id);

  router.get('/applications/:id/attachments', page(async (ctx) => {
    const session = applicantOf(ctx);
    const done = ctx.req.query.done === 'added' || ctx.req.query.done === 'removed' ? ctx.t(`applicant:attachments.done.${ctx.req.query.done}`) : null;
    await ctx.render(TEMPLATE, { ...(await data(ctx, session, idOf(ctx))), notice: done });
  }));

  router.post('/applications/:id/attachments', page(async (ctx) => {
    const session = applicantOf(ctx);
    const id = idOf(ctx);
    let fields: Record<string, string> = {};
    try {
      const received = await receiveFile(ctx.req, session.csrfToken, (posted, file) => {
        fields = posted;
        return storeAttachment(deps, session, id, { type: posted.type ?? '', filename: file.filename, mediaType: file.mediaType, stream: file.stream });
      });
      if (!received.stored) throw new AppError(ErrorCode.VALIDATION_FAILED, 'Choose a file to upload.', { fields: [{ path: 'file', message: 'This field is required.' }] });
      ctx.redirect(`/applications/${encodeURIComponent(id)}/attachments?done=added`);
    } catch (err) {
      await renderRefusal(ctx, err, TEMPLATE, { ...(await data(ctx, session, id)), values: { type: fields.type } });
    }
  }, { files: true }));

  router.post('/applications/:id/attachments/:attachmentId/delete', page(async (ctx) => {
    const session = applicantOf(ctx);
    const id = idOf(ctx);
    try {
      await removeAttachment(deps, session, id, String(ctx.req.params.attachmentId));
      ctx.redirect(`/applications/${encodeURIComponent(id)}/attachments?done=removed`);
    } catch (err) {
      await renderRefusal(ctx, err, TEMPLATE, await data(ctx, session, id));
    }
  }));
}
