import { z } from 'zod';
import type { ContactStore } from '../../activities/notifications';
import { AppError } from '../../infra/errors';
import { ErrorCode } from '../../workflows/error-codes';
import { zodFields } from '../errors';
import { Language } from '../openapi/schemas';
import type { Session } from '../session/types';

/** What an applicant may set: an e-mail address and, optionally, the language to be written to in. */
export const ContactInput = z.strictObject({
  email: z.string().trim().max(254).pipe(z.email({ message: 'must be an e-mail address such as name@example.fi' })),
  language: Language.optional(),
}).openapi('ContactInput');

/** The applicant's contact address; nulls until they set one (then the case's own language is used). */
export const Contact = z.object({
  email: z.string().nullable(),
  // A union, not Language.nullable(): the document rendered that as the bare Language $ref, without null.
  language: z.union([Language, z.null()]),
}).openapi('Contact');

export type ContactView = z.infer<typeof Contact>;

export interface ContactDeps { contacts: ContactStore }

function applicantOf(session: Session): string {
  if (session.kind !== 'applicant') throw new AppError(ErrorCode.FORBIDDEN, 'This is for applicants only.');
  return session.subjectRef;
}

/**
 * The address notifications of the applicant's cases go to: their own, also when they act for an
 * organisation (the representative is the one told).
 */
export async function getContact(deps: ContactDeps, session: Session): Promise<ContactView> {
  const contact = await deps.contacts.get(applicantOf(session));
  return { email: contact?.email ?? null, language: contact?.language ?? null };
}

/** Sets the applicant's address (stored encrypted); a refused value changes nothing. */
export async function setContact(deps: ContactDeps, session: Session, input: unknown): Promise<ContactView> {
  const subjectRef = applicantOf(session);
  const parsed = ContactInput.safeParse(input);
  if (!parsed.success) throw new AppError(ErrorCode.VALIDATION_FAILED, 'The contact address is not valid.', { fields: zodFields(parsed.error) });
  const contact = { email: parsed.data.email, language: parsed.data.language ?? null };
  await deps.contacts.set(subjectRef, contact);
  return contact;
}
