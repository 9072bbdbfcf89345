import type { z } from 'zod';
import { AppError } from '../../infra/errors';
import { ErrorCode } from '../../workflows/error-codes';
import { zodFields } from '../errors';

/**
 * `input` as `schema` reads it, or VALIDATION_FAILED naming each bad field. The operations check their
 * input themselves, since pages call them with what a form posted, not through the API's route table.
 */
export function validInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError(ErrorCode.VALIDATION_FAILED, 'The input is not valid.', { fields: zodFields(result.error) });
}
