import type { Response } from 'express';
import { encodeError, legacyType, statusOfType } from '../../infra/xroad/errors';

/** Which spelling of the type codes a sandbox security server answers with: 7.8.0 (current) or 7.6.x (legacy). */
export type ErrorCasing = 'current' | 'legacy';

/** Answers an error as a security server does (specs/xroad.md A3): status by type, `X-Road-Error`, JSON or XML body. */
export function sendXroadError(res: Response, type: string, message: string, accept: string | undefined, casing: ErrorCasing): void {
  const spelled = casing === 'legacy' ? legacyType(type) : type;
  const { contentType, body } = encodeError(spelled, message, accept);
  res.status(statusOfType(spelled)).set('X-Road-Error', spelled).type(contentType).send(body);
}
