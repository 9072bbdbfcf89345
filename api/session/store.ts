import type { Knex } from 'knex';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Language, LevelOfAssurance } from '../../workflows/application/messages';
import type { Permission, Session } from './types';

/** What a verified login gives the store. */
export interface NewSession {
  kind: Session['kind'];
  idp: Session['idp'];
  subjectRef: string;
  identityCodeEnc: string | null;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  loa: LevelOfAssurance;
  language: Language;
  authorityId: string | null;
  permissions: Permission[];
  nameId: string;
  nameIdFormat: string | null;
  nameQualifier: string | null;
  spNameQualifier: string | null;
  sessionIndex: string | null;
}

/** The SAML identifiers of a session, kept for Single Logout. */
export interface SamlSessionRef {
  idp: Session['idp'];
  nameId: string;
  nameIdFormat: string | null;
  nameQualifier: string | null;
  spNameQualifier: string | null;
  sessionIndex: string | null;
}

/** Only the token's hash is stored, so a copy of the table does not hand out live sessions. */
const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * Login sessions in PostgreSQL. Expiry is sliding: `idleMinutes` after the last request (default
 * 30, just under Suomi.fi's 32-minute SSO session), but never beyond `maxHours` after login.
 */
export function createSessionStore(db: Knex, limits: { idleMinutes: number; maxHours: number }) {
  const idleMs = limits.idleMinutes * 60_000;
  const maxMs = limits.maxHours * 3_600_000;

  const toSession = (row: Record<string, any>): Session => ({
    id: row.id,
    kind: row.kind,
    idp: row.idp,
    subjectRef: row.subject_ref,
    displayName: row.display_name,
    loa: row.loa,
    language: row.language,
    authorityId: row.authority_id,
    permissions: row.permissions ?? [],
    csrfToken: row.csrf_token,
    expiresAt: new Date(row.expires_at).toISOString(),
  });
  const toSamlRef = (row: Record<string, any>): SamlSessionRef => ({
    idp: row.idp,
    nameId: row.name_id,
    nameIdFormat: row.name_id_format,
    nameQualifier: row.name_qualifier,
    spNameQualifier: row.sp_name_qualifier,
    sessionIndex: row.session_index,
  });

  return {
    /** Creates a session (inside the caller's transaction) and returns the cookie token, shown once. */
    async create(trx: Knex, s: NewSession): Promise<{ token: string; session: Session }> {
      const token = randomBytes(32).toString('base64url');
      const [row] = await trx('sessions')
        .insert({
          id: randomUUID(),
          token_hash: hashToken(token),
          kind: s.kind,
          idp: s.idp,
          subject_ref: s.subjectRef,
          identity_code_enc: s.identityCodeEnc,
          display_name: s.displayName,
          given_name: s.givenName,
          family_name: s.familyName,
          loa: s.loa,
          language: s.language,
          authority_id: s.authorityId,
          permissions: s.permissions,
          csrf_token: randomBytes(32).toString('base64url'),
          name_id: s.nameId,
          name_id_format: s.nameIdFormat,
          name_qualifier: s.nameQualifier,
          sp_name_qualifier: s.spNameQualifier,
          session_index: s.sessionIndex,
          expires_at: new Date(Date.now() + idleMs),
        })
        .returning('*');
      return { token, session: toSession(row) };
    },

    /** The live session for a cookie token, its expiry slid forward; undefined when ended or expired. */
    async findByToken(token: string): Promise<{ session: Session; saml: SamlSessionRef } | undefined> {
      if (!token || token.length > 100) return undefined;
      const row = await db('sessions').where({ token_hash: hashToken(token) }).whereNull('ended_at').where('expires_at', '>', db.fn.now()).first();
      if (!row) return undefined;
      const target = Math.min(Date.now() + idleMs, new Date(row.created_at).getTime() + maxMs);
      // Write at most once a minute per session.
      if (target - new Date(row.expires_at).getTime() > 60_000) {
        await db('sessions').where({ id: row.id }).update({ expires_at: new Date(target) });
        row.expires_at = new Date(target);
      }
      return { session: toSession(row), saml: toSamlRef(row) };
    },

    /** Ends one session; returns its SAML identifiers when it was still live. */
    async end(id: string): Promise<SamlSessionRef | undefined> {
      const [row] = await db('sessions').where({ id }).whereNull('ended_at').update({ ended_at: db.fn.now() }).returning('*');
      return row && toSamlRef(row);
    },

    /** Ends the sessions an IdP-initiated logout names (by NameID, and SessionIndex when given). */
    async endByNameId(idp: Session['idp'], nameId: string, sessionIndexes: string[]): Promise<number> {
      const q = db('sessions').where({ idp, name_id: nameId }).whereNull('ended_at');
      if (sessionIndexes.length) q.whereIn('session_index', sessionIndexes);
      return q.update({ ended_at: db.fn.now() });
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
