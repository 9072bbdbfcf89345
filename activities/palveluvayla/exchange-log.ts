/**
 * The outbox and inbox of the exchange with authority systems (table exchange_messages): every
 * message either way with its X-Road-Id, case, type, content hash, status and attempts. It is the
 * disclosure log, and what makes each message take effect once: a message id is inserted once, and
 * a repeat finds the row it left.
 */
import type { Knex } from 'knex';

export type Direction = 'outbound' | 'inbound';
export type MessageStatus = 'pending' | 'delivered' | 'failed' | 'received' | 'applied' | 'refused';

export interface ExchangeMessage {
  id: string;
  applicationId: string;
  direction: Direction;
  type: string;
  party: string;
  bodySha256: string;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  response: unknown;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

interface Row {
  id: string; application_id: string; direction: Direction; type: string; party: string; body_sha256: string; status: MessageStatus;
  attempts: number; last_error: string | null; response: unknown; created_at: Date; updated_at: Date; completed_at: Date | null;
}

const toMessage = (r: Row): ExchangeMessage => ({
  id: r.id, applicationId: r.application_id, direction: r.direction, type: r.type, party: r.party, bodySha256: r.body_sha256,
  status: r.status, attempts: r.attempts, lastError: r.last_error, response: r.response,
  createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(), completedAt: r.completed_at?.toISOString() ?? null,
});

/** A new message's row. */
export interface NewMessage { id: string; applicationId: string; direction: Direction; type: string; party: string; bodySha256: string }

export function createExchangeLog(db: Knex) {
  const table = (trx: Knex | Knex.Transaction = db) => trx('exchange_messages');
  return {
    /**
     * Inserts the row unless its id exists. A repeat (same id, case, type and content hash) counts one
     * more attempt; the same id with anything else is a conflict and changes nothing. `first` runs in
     * the insert's transaction when the row is new (e.g. to store a decision document with it).
     */
    async claim(message: NewMessage, initial: MessageStatus, first?: (trx: Knex.Transaction) => Promise<void>): Promise<{ row: ExchangeMessage; outcome: 'fresh' | 'repeat' | 'conflict' }> {
      return db.transaction(async (trx) => {
        const inserted: Row[] = await table(trx).insert({
          id: message.id, application_id: message.applicationId, direction: message.direction, type: message.type,
          party: message.party, body_sha256: message.bodySha256, status: initial, attempts: 1,
        }).onConflict('id').ignore().returning('*');
        if (inserted.length > 0) {
          if (first) await first(trx);
          return { row: toMessage(inserted[0]), outcome: 'fresh' as const };
        }
        const same = { id: message.id, application_id: message.applicationId, direction: message.direction, type: message.type, body_sha256: message.bodySha256 };
        const [repeat]: Row[] = await table(trx).where(same).update({ attempts: db.raw('attempts + 1'), updated_at: db.fn.now() }).returning('*');
        if (repeat) return { row: toMessage(repeat), outcome: 'repeat' as const };
        const existing: Row = await table(trx).where({ id: message.id }).first();
        return { row: toMessage(existing), outcome: 'conflict' as const };
      });
    },
    /**
     * The answer given to this very message before (same id, case, type and content hash), counting the
     * repeat as one more attempt; undefined when it was never answered. Inserts nothing.
     */
    async repeatAnswer(message: NewMessage): Promise<unknown> {
      const same = { id: message.id, application_id: message.applicationId, direction: message.direction, type: message.type, body_sha256: message.bodySha256 };
      const [row]: Row[] = await table().where(same).whereNotNull('response').update({ attempts: db.raw('attempts + 1'), updated_at: db.fn.now() }).returning('*');
      return row?.response ?? undefined;
    },
    /** Records how a message ended (delivered, failed, applied, refused), with the answer given to an inbound one. */
    async finish(id: string, status: MessageStatus, opts: { error?: string; response?: unknown } = {}): Promise<void> {
      await table().where({ id }).update({
        status, last_error: opts.error ?? null, response: opts.response === undefined ? null : JSON.stringify(opts.response),
        updated_at: db.fn.now(), completed_at: db.fn.now(),
      });
    },
    /** Notes a failed attempt that will be retried. */
    async noteError(id: string, error: string): Promise<void> {
      await table().where({ id }).update({ last_error: error, updated_at: db.fn.now() });
    },
    /** A decision document that came with message `messageId` of the case; undefined when there is none. */
    async decisionDocument(applicationId: string, messageId: string): Promise<{ filename: string; mediaType: string; sha256: string; content: Buffer } | undefined> {
      const row = await db('decision_documents').where({ application_id: applicationId, message_id: messageId }).first();
      return row && { filename: row.filename, mediaType: row.media_type, sha256: row.sha256, content: row.content };
    },
    /** A case's messages both ways, oldest first. */
    async forCase(applicationId: string): Promise<ExchangeMessage[]> {
      const rows: Row[] = await table().where({ application_id: applicationId }).orderBy([{ column: 'created_at' }, { column: 'id' }]);
      return rows.map(toMessage);
    },
  };
}

export type ExchangeLog = ReturnType<typeof createExchangeLog>;
