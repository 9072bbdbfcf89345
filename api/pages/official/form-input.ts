/**
 * The official pages' form fields → the bodies the official operations take (the same zod schemas as
 * the JSON API, so a page accepts exactly what the API accepts).
 */
import { z } from 'zod';
import { AppError } from '../../../infra/errors';
import { ErrorCode } from '../../../workflows/error-codes';
import { AcknowledgeBody, DecisionBody, SupplementRequestBody } from '../../official/operations';
import { CSRF_FIELD } from '../framework/csrf';

/** The submitted fields without the CSRF token (checked already) and with empty optional fields dropped. */
export function formFields(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (name !== CSRF_FIELD && typeof value === 'string') fields[name] = value;
  }
  return fields;
}

export const acknowledgeInput = (fields: Record<string, string>) => AcknowledgeBody.parse({ caseNumber: fields.caseNumber ?? '' });

export const decisionInput = (fields: Record<string, string>) => DecisionBody.parse({ outcome: fields.outcome || undefined, text: fields.text ?? '' });

/** The deadline field is a calendar date: the request runs to the end of that day in Finnish time. */
export function supplementRequestInput(fields: Record<string, string>): z.infer<typeof SupplementRequestBody> {
  const date = fields.deadline?.trim();
  return SupplementRequestBody.parse({ message: fields.message ?? '', ...(date ? { deadline: endOfFinnishDay(date) } : {}) });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `2026-12-31` → `2026-12-31T23:59:59+02:00` (the offset Europe/Helsinki has on that day). */
export function endOfFinnishDay(date: string): string {
  const noonUtc = new Date(`${date}T12:00:00Z`);
  if (!DATE.test(date) || Number.isNaN(noonUtc.getTime()) || noonUtc.toISOString().slice(0, 10) !== date) {
    throw new AppError(ErrorCode.VALIDATION_FAILED, 'The deadline must be a date.', { fields: [{ path: 'deadline', message: 'must match format "date".' }] });
  }
  const zone = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Helsinki', timeZoneName: 'longOffset' })
    .formatToParts(noonUtc).find((p) => p.type === 'timeZoneName')!.value;
  return `${date}T23:59:59${zone.replace('GMT', '') || '+00:00'}`;
}
