/**
 * The attachments table: each file's metadata and where its bytes are (blob_key). The case (workflow)
 * is the truth about which files belong to it; a row is `stored` from the upload until the case has
 * it (`attached`), and `removed` once taken out. The uploader is a pseudonymous ref.
 */
import type { Knex } from 'knex';

export interface AttachmentRow {
  id: string;
  application_id: string;
  type_code: string;
  filename: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploader_ref: string;
  blob_key: string;
  state: 'stored' | 'attached' | 'removed';
  created_at: Date;
}

export function createAttachmentRecords(db: Knex) {
  return {
    async insert(row: Omit<AttachmentRow, 'state' | 'created_at'>): Promise<void> {
      await db('attachments').insert({ ...row, state: 'stored' });
    },
    async setState(id: string, state: AttachmentRow['state']): Promise<void> {
      await db('attachments').where({ id }).update({ state });
    },
    async delete(id: string): Promise<void> {
      await db('attachments').where({ id }).delete();
    },
    /**
     * A file of the case not taken out; undefined otherwise. Callers ask only for files the case lists (the
     * truth), which may still be `stored` if marking it `attached` failed after the case took it.
     */
    async get(applicationId: string, id: string): Promise<AttachmentRow | undefined> {
      const row: AttachmentRow | undefined = await db('attachments').where({ id, application_id: applicationId }).whereNot({ state: 'removed' }).first();
      return row && { ...row, size_bytes: Number(row.size_bytes) };
    },
  };
}

export type AttachmentRecords = ReturnType<typeof createAttachmentRecords>;
