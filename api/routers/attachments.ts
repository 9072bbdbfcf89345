import type { Request } from 'express';
import { z } from 'zod';
import { ErrorCode } from '../../workflows/error-codes';
import {
  downloadAttachment, listAttachments, officialDownloadAttachment, officialListAttachments, removeAttachment, storeAttachment,
} from '../attachments/operations';
import { RouteTable } from '../openapi/route';
import { Attachment, CaseParams } from '../openapi/schemas';
import { readErrors } from './case-errors';
import type { RouterDeps } from './deps';

const AttachmentParams = CaseParams.extend({ attachmentId: z.uuid() });
const UploadQuery = z.strictObject({
  type: z.string().min(1).max(64).openapi({ description: 'The attachment type\'s code, e.g. asemapiirros.' }),
  filename: z.string().min(1).max(255).openapi({ description: 'The file\'s name; kept without any path.' }),
});
const UploadHeaders = z.object({
  'content-type': z.string().max(200).optional().openapi({ description: 'The file\'s media type, e.g. application/pdf.' }),
  'content-length': z.coerce.number().int().min(0).optional(),
});
const download = { status: 200, description: 'The file, as its media type, with a Digest header (sha-256).', contentType: 'application/octet-stream' };

/** Upload paths: the raw body is the file, so the JSON-only rule of /api does not apply to them (api/app.ts). */
export const isAttachmentUpload = (req: Request): boolean =>
  req.method === 'POST' && /^\/api\/v1\/applications\/[^/?]+\/attachments\/?(\?|$)/.test(req.originalUrl);

/** Applicants attach files to their own cases; officials of the case's authority read them (usage-logged). Others get 404. */
export function attachmentRoutes(deps: RouterDeps): RouteTable {
  const base = '/api/v1/applications/:id/attachments';
  const official = '/api/v1/official/cases/:id/attachments';
  return new RouteTable()
    .add({
      method: 'post', path: base, tag: 'Applicant', access: 'applicant', params: CaseParams, query: UploadQuery, headers: UploadHeaders,
      summary: 'Attaches a file: the request body is the file itself (streamed, not JSON), Content-Type its media type. While DRAFT or answering a supplement request.',
      response: { status: 201, description: 'The attached file.', schema: Attachment },
      errors: [...readErrors, ErrorCode.TRANSITION_NOT_ALLOWED, ErrorCode.ATTACHMENT_TOO_LARGE, ErrorCode.ATTACHMENT_TYPE_NOT_ALLOWED],
    }, async ({ session, params, query, headers, req }) => storeAttachment(deps, session(), params.id, {
      type: query.type, filename: query.filename, mediaType: (headers['content-type'] ?? '').split(';')[0].trim(),
      stream: req, declaredSize: headers['content-length'],
    }))
    .add({
      method: 'get', path: base, tag: 'Applicant', access: 'applicant', params: CaseParams,
      summary: 'The files attached to the application.',
      response: { status: 200, description: 'The files, in the order added.', schema: z.array(Attachment) },
      errors: readErrors,
    }, async ({ session, params }) => listAttachments(deps, session(), params.id))
    .add({
      method: 'get', path: `${base}/:attachmentId`, tag: 'Applicant', access: 'applicant', params: AttachmentParams,
      summary: 'Downloads one attached file.', response: download, errors: readErrors,
    }, async ({ session, params, res }) => downloadAttachment(deps, session(), params.id, params.attachmentId, res))
    .add({
      method: 'delete', path: `${base}/:attachmentId`, tag: 'Applicant', access: 'applicant', params: AttachmentParams,
      summary: 'Removes a file not yet submitted (while DRAFT, or one added while answering a supplement request).',
      response: { status: 204, description: 'Removed.' },
      errors: [...readErrors, ErrorCode.TRANSITION_NOT_ALLOWED],
    }, async ({ session, params, res }) => {
      await removeAttachment(deps, session(), params.id, params.attachmentId);
      res.status(204).end();
    })
    .add({
      method: 'get', path: official, tag: 'Official', access: 'official', permission: 'case:read', params: CaseParams,
      summary: 'The files attached to a case of the official\'s authority.',
      response: { status: 200, description: 'The files, in the order added.', schema: z.array(Attachment) },
      errors: [ErrorCode.NOT_FOUND],
    }, async ({ req, session, params }) => officialListAttachments(deps, req, session(), params.id))
    .add({
      method: 'get', path: `${official}/:attachmentId`, tag: 'Official', access: 'official', permission: 'case:read', params: AttachmentParams,
      summary: 'Downloads one file of a case of the official\'s authority.', response: download, errors: [ErrorCode.NOT_FOUND],
    }, async ({ req, session, params, res }) => officialDownloadAttachment(deps, req, session(), params.id, params.attachmentId, res));
}
