import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { PiiCrypto } from '../../infra/pii';
import type { Principal } from '../../workflows/application/messages';

/** How long the browser has to come back from the selection UI. */
const CHOICE_TTL_MS = 15 * 60_000;

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** A choice as the applicant (and the case) may see it: never the principal's identity code. */
export interface SelectionView {
  principal: Principal;
  roles: string[];
  complete: boolean;
  tokenExpiresAt: string;
}

/** The chosen principal and the live e-Authorizations handles, decrypted, for a check. */
export interface SelectionSecrets {
  kind: Principal['kind'];
  businessId: string | null;
  principalHetu: string | null;
  valtuudetSessionId: string;
  accessToken: string;
}

export interface NewSelection {
  principal: { kind: 'organisation'; businessId: string; name: string } | { kind: 'person'; hetu: string; name: string };
  roles: string[];
  complete: boolean;
  valtuudetSessionId: string;
  accessToken: string;
  tokenExpiresAt: Date;
}

/**
 * Per login session: the pending choice (single-use OAuth state) and the current principal. Identity
 * codes and e-Authorizations handles are stored encrypted; a person is found by keyed hash.
 */
export function createSelectionStore(db: Knex, pii: PiiCrypto) {
  const toView = (row: Record<string, any>): SelectionView => ({
    principal: row.kind === 'organisation'
      ? { kind: 'organisation', businessId: row.business_id, name: row.name }
      : { kind: 'person', identityCodeHash: row.principal_hetu_hash, name: row.name },
    roles: row.roles,
    complete: row.complete,
    tokenExpiresAt: new Date(row.token_expires_at).toISOString(),
  });

  return {
    /** Remembers a choice being made; returns the state to send through the browser. */
    async begin(o: { sessionId: string; kind: Principal['kind']; valtuudetSessionId: string; returnTo: string }): Promise<string> {
      const state = randomBytes(24).toString('base64url');
      await db('acting_for_requests').insert({
        state_hash: sha256(state), session_id: o.sessionId, kind: o.kind, valtuudet_session_enc: pii.encrypt(o.valtuudetSessionId),
        return_to: o.returnTo, expires_at: new Date(Date.now() + CHOICE_TTL_MS),
      });
      return state;
    },

    /** The pending choice of `state`, once, only for the login session that began it. */
    async take(state: string, sessionId: string): Promise<{ kind: Principal['kind']; valtuudetSessionId: string; returnTo: string } | undefined> {
      const [row] = await db('acting_for_requests')
        .where({ state_hash: sha256(state), session_id: sessionId }).whereNull('consumed_at').where('expires_at', '>', db.fn.now())
        .update({ consumed_at: db.fn.now() }).returning('*');
      return row && { kind: row.kind, valtuudetSessionId: pii.decrypt(row.valtuudet_session_enc), returnTo: row.return_to };
    },

    /** Makes `s` the session's current principal; returns the replaced choice's secrets (to unregister it). */
    async save(sessionId: string, s: NewSelection): Promise<SelectionSecrets | undefined> {
      return db.transaction(async (trx) => {
        const previous = await trx('acting_for_selections').where({ session_id: sessionId }).forUpdate().first();
        const p = s.principal;
        const row = {
          session_id: sessionId, kind: p.kind, name: p.name, roles: JSON.stringify(s.roles), complete: s.complete,
          business_id: p.kind === 'organisation' ? p.businessId : null,
          principal_hetu_enc: p.kind === 'person' ? pii.encrypt(p.hetu) : null,
          principal_hetu_hash: p.kind === 'person' ? pii.hash(p.hetu) : null,
          valtuudet_session_enc: pii.encrypt(s.valtuudetSessionId), access_token_enc: pii.encrypt(s.accessToken),
          token_expires_at: s.tokenExpiresAt, created_at: trx.fn.now(),
        };
        await trx('acting_for_selections').insert(row).onConflict('session_id').merge();
        return previous && secretsOf(previous);
      });
    },

    async current(sessionId: string): Promise<SelectionView | undefined> {
      const row = await db('acting_for_selections').where({ session_id: sessionId }).first();
      return row && toView(row);
    },

    /** The session's choice if it names this principal (a person by identity code, compared by keyed hash). */
    async chosen(sessionId: string, ref: { kind: 'organisation'; businessId: string } | { kind: 'person'; identityCode: string }): Promise<SelectionView | undefined> {
      const view = await this.current(sessionId);
      const p = view?.principal;
      if (!p || p.kind !== ref.kind) return undefined;
      const same = p.kind === 'organisation' ? p.businessId === (ref as { businessId: string }).businessId
        : p.identityCodeHash === pii.hash((ref as { identityCode: string }).identityCode);
      return same ? view : undefined;
    },

    /** The secrets of the session's choice, if it is `principal` (by business id or identity-code hash). */
    async secretsFor(sessionId: string, principal: Principal): Promise<SelectionSecrets | undefined> {
      const q = db('acting_for_selections').where({ session_id: sessionId, kind: principal.kind });
      if (principal.kind === 'organisation') q.andWhere({ business_id: principal.businessId });
      else q.andWhere({ principal_hetu_hash: principal.identityCodeHash });
      const row = await q.first();
      return row && secretsOf(row);
    },

    /** Back to acting for oneself; returns the ended choice's secrets (to unregister it). */
    async clear(sessionId: string): Promise<SelectionSecrets | undefined> {
      const [row] = await db('acting_for_selections').where({ session_id: sessionId }).delete().returning('*');
      return row && secretsOf(row);
    },
  };

  function secretsOf(row: Record<string, any>): SelectionSecrets {
    return {
      kind: row.kind,
      businessId: row.business_id,
      principalHetu: row.principal_hetu_enc ? pii.decrypt(row.principal_hetu_enc) : null,
      valtuudetSessionId: pii.decrypt(row.valtuudet_session_enc),
      accessToken: pii.decrypt(row.access_token_enc),
    };
  }
}

export type SelectionStore = ReturnType<typeof createSelectionStore>;
