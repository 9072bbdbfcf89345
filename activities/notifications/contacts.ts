import type { Knex } from 'knex';
import type { PiiCrypto } from '../../infra/pii';
import type { Language } from '../../workflows/application/messages';

/** An applicant's contact address and the language they want to be written to in. */
export interface Contact {
  email: string;
  language: Language | null;
}

/**
 * Applicants' contact addresses, keyed by the login's pseudonymous subject (sessions.subject_ref),
 * the address encrypted at rest (infra/pii.ts).
 */
export function createContactStore(db: Knex, pii: PiiCrypto) {
  return {
    async get(subjectRef: string): Promise<Contact | null> {
      const row = await db('applicant_contacts').where({ subject_ref: subjectRef }).first();
      return row ? { email: pii.decrypt(row.email_encrypted), language: row.language } : null;
    },
    async set(subjectRef: string, contact: Contact): Promise<void> {
      const row = { subject_ref: subjectRef, email_encrypted: pii.encrypt(contact.email), language: contact.language, updated_at: db.fn.now() };
      await db('applicant_contacts').insert(row).onConflict('subject_ref').merge();
    },
  };
}

export type ContactStore = ReturnType<typeof createContactStore>;
