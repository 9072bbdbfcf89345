import type { Knex } from 'knex';
import type { Language } from '../../workflows/application/messages';
import type { IdpName } from './settings';

/** How long an AuthnRequest or LogoutRequest may wait for its answer. */
const REQUEST_TTL_MS = 15 * 60_000;

/** An outstanding request, as stored when it was sent. */
export interface OutstandingRequest {
  id: string;
  idp: IdpName;
  kind: 'authn' | 'logout';
  relayState: string | null;
  returnTo: string | null;
  language: Language;
  /** SHA-256 of the login-binding nonce (api/saml/login-binding.ts); null for logout requests. */
  browserBindingHash: string | null;
}

/**
 * The SP's memory of its own SAML requests (so a response's InResponseTo is accepted once, and only
 * for a request this SP sent to that IdP) and of assertion ids it has consumed (replay cache).
 */
export function createSamlRequestStore(db: Knex) {
  return {
    async remember(r: OutstandingRequest): Promise<void> {
      await db('saml_requests').insert({
        id: r.id,
        idp: r.idp,
        kind: r.kind,
        relay_state: r.relayState,
        return_to: r.returnTo,
        language: r.language,
        browser_binding_hash: r.browserBindingHash,
        expires_at: new Date(Date.now() + REQUEST_TTL_MS),
      });
    },

    /** The outstanding (unexpired, unconsumed) request with this id, sent to this IdP. */
    async findOutstanding(id: string, idp: IdpName, kind: 'authn' | 'logout'): Promise<OutstandingRequest | undefined> {
      const row = await db('saml_requests')
        .where({ id, idp, kind })
        .whereNull('consumed_at')
        .where('expires_at', '>', db.fn.now())
        .first();
      return (
        row && {
          id: row.id,
          idp: row.idp,
          kind: row.kind,
          relayState: row.relay_state,
          returnTo: row.return_to,
          language: row.language,
          browserBindingHash: row.browser_binding_hash,
        }
      );
    },

    /** Marks the request consumed; false when another response already used it (one-time use). */
    async consume(trx: Knex, id: string, idp: IdpName, kind: 'authn' | 'logout'): Promise<boolean> {
      const n = await trx('saml_requests')
        .where({ id, idp, kind })
        .whereNull('consumed_at')
        .where('expires_at', '>', trx.fn.now())
        .update({ consumed_at: trx.fn.now() });
      return n === 1;
    },

    /** Records an assertion id; false when it was seen before (a replay). Purges expired entries. */
    async recordAssertion(trx: Knex, id: string, idp: IdpName, notOnOrAfter: Date): Promise<boolean> {
      await trx('saml_assertions').where('not_on_or_after', '<', new Date(Date.now() - 60 * 60_000)).delete();
      const inserted = await trx('saml_assertions')
        .insert({ id, idp, not_on_or_after: notOnOrAfter })
        .onConflict('id')
        .ignore()
        .returning('id');
      return inserted.length === 1;
    },

    /** Whether an assertion id was consumed before (checked early for a clear refusal). */
    async seenAssertion(id: string): Promise<boolean> {
      return Boolean(await db('saml_assertions').where({ id }).first());
    },

    /** Removes requests that expired long ago. */
    async purgeExpired(): Promise<void> {
      await db('saml_requests').where('expires_at', '<', new Date(Date.now() - 24 * 60 * 60_000)).delete();
    },
  };
}

export type SamlRequestStore = ReturnType<typeof createSamlRequestStore>;
