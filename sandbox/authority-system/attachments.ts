/**
 * The sandbox authority system's attachment messages: one file per message, after the application or
 * supplement that names it. It keeps each file once (by X-Road-Id, and by the file's id), and refuses
 * a file it was not told of or whose bytes do not match the SHA-256 the application named.
 */
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import type { Logger } from '../../infra/logger';
import { AttachmentMessage } from '../../infra/xroad/lupa-interface';
import type { AuthorityCase, CaseRegister } from './cases';

/** The refs of every file the case's application and supplements named. */
function announced(kase: AuthorityCase): { id: string; sha256: string }[] {
  const listed = (m: Record<string, unknown>) => (Array.isArray(m.attachments) ? m.attachments : []) as { id: string; sha256: string }[];
  return [...listed(kase.application), ...kase.supplements.flatMap(listed)];
}

export function receiveAttachment(cases: CaseRegister, req: Request, res: Response, logger: Logger): void {
  const refuse = (status: number, type: string, message: string) => void res.status(status).json({ type, message, detail: '' });
  const messageId = String(req.headers['x-road-id'] ?? '');
  if (!messageId) return refuse(400, 'client.bad_request', 'X-Road-Id is missing');
  const kase = cases.get(String(req.params.id));
  if (!kase) return refuse(404, 'client.unknown_case', `No application ${req.params.id}`);
  const body = AttachmentMessage.safeParse(req.body);
  if (!body.success) return refuse(400, 'client.bad_request', `Malformed attachment: ${body.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const { contentBase64, ...ref } = body.data;
  const content = Buffer.from(contentBase64, 'base64');
  const sha256 = createHash('sha256').update(content).digest('hex');
  const expected = announced(kase).find((a) => a.id === ref.id);
  if (!expected) return refuse(422, 'client.unknown_attachment', `No application or supplement of ${kase.applicationId} names attachment ${ref.id}`);
  if (sha256 !== ref.sha256 || sha256 !== expected.sha256 || content.length !== ref.size) {
    return refuse(422, 'client.checksum_mismatch', `The bytes of attachment ${ref.id} do not match its SHA-256`);
  }
  // The same file under another X-Road-Id is a duplicate too: kept once.
  const kept = kase.attachments.some((a) => a.id === ref.id);
  const fresh = cases.receive(kase, messageId, () => {
    if (!kept) kase.attachments.push({ ...ref, sha256, receivedAt: new Date().toISOString() });
  }) && !kept;
  logger.info({ event: 'authority_attachment_received', application_id: kase.applicationId, duplicate: !fresh }, 'sandbox authority: attachment');
  res.status(fresh ? 201 : 200).json({ received: true });
}
