/** Files and uploads for tests of attachments (issue 6): real HTTP, the raw body is the file. */
import type { Answer, Caller } from '../api/http';

/** A file that starts like a PDF (`%PDF-`), `size` bytes long in all. */
export function pdf(size = 2048, fill = 'x'): Buffer {
  const head = Buffer.from('%PDF-1.7\n');
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), fill)]);
}

/** A 1×1 PNG's signature and header (enough for the platform's check). */
export const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** Uploads `body` as an attachment of `applicationId`. */
export async function upload(baseUrl: string, caller: Caller, applicationId: string, opts: { type: string; filename: string; mediaType: string; body: Buffer }): Promise<Answer> {
  const query = new URLSearchParams({ type: opts.type, filename: opts.filename });
  const res = await fetch(`${baseUrl}/api/v1/applications/${encodeURIComponent(applicationId)}/attachments?${query}`, {
    method: 'POST',
    headers: { accept: 'application/json', cookie: caller.cookie ?? '', 'x-csrf-token': caller.csrfToken ?? '', 'content-type': opts.mediaType },
    body: opts.body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** Attaches a small site plan (asemapiirros, which the environmental permit requires before submitting). */
export async function attachSitePlan(baseUrl: string, caller: Caller, applicationId: string): Promise<Answer> {
  const answer = await upload(baseUrl, caller, applicationId, { type: 'asemapiirros', filename: 'asemapiirros.pdf', mediaType: 'application/pdf', body: pdf() });
  if (answer.status !== 201) throw new Error(`attaching the site plan failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}
