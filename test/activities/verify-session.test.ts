import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { createVerifySession } from '../../activities/sessions/verify-session';
import { createDb } from '../../infra/db';

let db: Knex;
let verifySession: ReturnType<typeof createVerifySession>;

beforeAll(() => {
  db = createDb(process.env.DATABASE_URL as string, { max: 2 });
  verifySession = createVerifySession(db);
});
afterAll(() => db.destroy());

/** Inserts a login session row as the SAML layer would; returns its id. */
async function session(fields: { subjectRef: string; loa?: string; kind?: string; expiresInMs?: number; ended?: boolean }): Promise<string> {
  const id = randomUUID();
  await db('sessions').insert({
    id, token_hash: randomUUID(), kind: fields.kind ?? 'applicant', idp: fields.kind === 'official' ? 'virtu' : 'suomifi',
    subject_ref: fields.subjectRef, display_name: 'Tessa Testilä', loa: fields.loa ?? 'substantial', language: 'fi',
    csrf_token: randomUUID(), name_id: randomUUID(),
    expires_at: new Date(Date.now() + (fields.expiresInMs ?? 3_600_000)), ended_at: fields.ended ? new Date() : null,
  });
  return id;
}

describe('[#2] re-verifying the login session when a case starts', () => {
  it('accepts a live session of the applicant whose level of assurance is high enough', async () => {
    const id = await session({ subjectRef: 'subj-1', loa: 'high' });
    await expect(verifySession({ sessionRef: id, subjectRef: 'subj-1', requiredLoa: 'substantial' })).resolves.toEqual({ loa: 'high' });
  });

  it('refuses a level of assurance below the service requirement, without retries', async () => {
    const id = await session({ subjectRef: 'subj-2', loa: 'substantial' });
    await expect(verifySession({ sessionRef: id, subjectRef: 'subj-2', requiredLoa: 'high' }))
      .rejects.toMatchObject({ type: 'LOA_TOO_LOW', nonRetryable: true });
  });

  it.each([
    ['an ended session', { subjectRef: 'subj-3', ended: true }, 'subj-3'],
    ['an expired session', { subjectRef: 'subj-4', expiresInMs: -1000 }, 'subj-4'],
    ["another person's session", { subjectRef: 'subj-5' }, 'someone-else'],
    ["an official's session", { subjectRef: 'subj-6', kind: 'official' }, 'subj-6'],
  ])('refuses %s as invalid', async (_name, fields, subjectRef) => {
    const id = await session(fields);
    await expect(verifySession({ sessionRef: id, subjectRef, requiredLoa: 'low' }))
      .rejects.toMatchObject({ type: 'SESSION_INVALID', nonRetryable: true });
  });

  it('refuses a session id that does not exist or is not a uuid', async () => {
    await expect(verifySession({ sessionRef: randomUUID(), subjectRef: 'x', requiredLoa: 'low' })).rejects.toMatchObject({ type: 'SESSION_INVALID' });
    await expect(verifySession({ sessionRef: 'not-a-uuid', subjectRef: 'x', requiredLoa: 'low' })).rejects.toMatchObject({ type: 'SESSION_INVALID' });
  });
});
