import type { Knex } from 'knex';
import type { Language } from '../../workflows/application/messages';

export type NotificationStatus = 'pending' | 'sent' | 'skipped' | 'failed';

/** One row of the log as operators read it: no address, only its keyed hash. */
export interface NotificationRecord {
  template: string;
  recipientKind: 'authority' | 'applicant';
  recipientHash: string | null;
  language: Language;
  status: NotificationStatus;
  attempts: number;
  errorCode: string | null;
  createdAt: string;
  sentAt: string | null;
}

/**
 * The notifications table: the log of every notification and its idempotency record (the key is
 * workflow id + what + event seq). A key that is `sent` or `skipped` is done and is never sent again.
 */
export function createNotificationLog(db: Knex) {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    /** The row of `key`, created `pending` on first sight; what an earlier attempt left otherwise. */
    async claim(key: string, row: { applicationId: string; template: string; recipientKind: 'authority' | 'applicant'; language: Language }): Promise<NotificationStatus> {
      await db('notifications')
        .insert({ idempotency_key: key, application_id: row.applicationId, template: row.template, recipient_kind: row.recipientKind, language: row.language, status: 'pending' })
        .onConflict('idempotency_key').ignore();
      const found = await db('notifications').where({ idempotency_key: key }).first('status');
      return found.status;
    },
    async finish(key: string, outcome: { status: NotificationStatus; attempts: number; language: Language; recipientHash: string | null; errorCode?: string }): Promise<void> {
      await db('notifications').where({ idempotency_key: key }).update({
        status: outcome.status, attempts: outcome.attempts, language: outcome.language, recipient_hash: outcome.recipientHash,
        error_code: outcome.errorCode ?? null, updated_at: db.fn.now(), ...(outcome.status === 'sent' ? { sent_at: db.fn.now() } : {}),
      });
    },
    /** A case's notifications, oldest first. */
    async forCase(applicationId: string): Promise<NotificationRecord[]> {
      const rows = await db('notifications').where({ application_id: applicationId }).orderBy('id');
      return rows.map((r) => ({
        template: r.template, recipientKind: r.recipient_kind, recipientHash: r.recipient_hash, language: r.language, status: r.status,
        attempts: r.attempts, errorCode: r.error_code, createdAt: iso(r.created_at) as string, sentAt: iso(r.sent_at),
      }));
    },
  };
}

export type NotificationLog = ReturnType<typeof createNotificationLog>;
