import type { Response } from 'express';
import { encodeError } from '../../infra/xroad/errors';

/**
 * A refusal of the provider service, answered in the X-Road error format (specs/xroad.md A3) with its
 * own HTTP status. No X-Road-Error header: that marks errors of a security server, and this answer is
 * the provider information system's own.
 */
export class ProviderRefusal extends Error {
  constructor(readonly status: number, readonly type: string, message: string) {
    super(message);
    this.name = 'ProviderRefusal';
  }
}

/** Sends a refusal in JSON, or XML when the caller accepts XML; `detail` is the request's id for support. */
export function sendRefusal(res: Response, refusal: { status: number; type: string; message: string }, accept: string | undefined, detail: string): void {
  const { contentType, body } = encodeError(refusal.type, refusal.message, accept, detail);
  res.status(refusal.status).type(contentType).send(body);
}
