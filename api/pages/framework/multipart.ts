import { PassThrough, type Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { AppError } from '../../../infra/errors';
import { ErrorCode } from '../../../workflows/error-codes';
import { checkFormCsrf, CSRF_FIELD } from './csrf';

/** One file of a multipart form, as a stream: nothing of it is buffered here. */
export interface IncomingFile {
  field: string;
  filename: string;
  mediaType: string;
  stream: Readable;
}

/**
 * Reads a multipart form (a file upload) with busboy and hands its one file to `store` as a stream. The
 * form's other fields must come before the file (they do in a form whose file input is last), so the
 * CSRF token is checked before a byte of the file is used. A refused or unused file is drained, so the
 * browser gets its answer. Answers the fields and what `store` returned (undefined: no file was sent).
 */
export function receiveFile<T>(
  req: Request, csrfToken: string, store: (fields: Record<string, string>, file: IncomingFile) => Promise<T>,
): Promise<{ fields: Record<string, string>; stored: T | undefined }> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send the file with the page\'s upload form.'));
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let work: Promise<T> | undefined;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 20, fieldSize: 4096, parts: 25 } });
    } catch {
      return reject(new AppError(ErrorCode.VALIDATION_FAILED, 'The upload form could not be read.'));
    }
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      // An empty file input still sends a part, with no file name: that is no file.
      const filename = info.filename ?? '';
      if (work || filename === '') {
        stream.resume();
        return;
      }
      // The consumer gets its own stream: when it stops early (a file too large, a refused type) and drops
      // it, the rest of the upload is still read and thrown away, or busboy would wait on it for ever.
      const body = new PassThrough();
      stream.pipe(body);
      body.on('close', () => {
        if (stream.readableEnded) return;
        stream.unpipe(body);
        stream.resume();
      });
      work = (async () => {
        checkFormCsrf(csrfToken, fields[CSRF_FIELD]);
        return store(fields, { field, filename, mediaType: info.mimeType, stream: body });
      })();
      work.catch(() => body.destroy());
    });
    parser.on('error', () => reject(new AppError(ErrorCode.VALIDATION_FAILED, 'The upload form could not be read.')));
    parser.on('close', () => {
      (async () => {
        if (!work) checkFormCsrf(csrfToken, fields[CSRF_FIELD]);
        return { fields, stored: work ? await work : undefined };
      })().then(resolve, reject);
    });
    req.pipe(parser);
  });
}
