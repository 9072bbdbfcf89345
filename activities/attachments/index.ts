import type { Knex } from 'knex';
import type { BlobStore } from './blob-store';
import { createPgBlobStore } from './pg-blob-store';
import { createAttachmentRecords, type AttachmentRecords } from './records';

export { BlobTooLargeError, type BlobStore, type StoredBlob } from './blob-store';
export { MediaTypeMismatchError, SNIFFABLE_MEDIA_TYPES, sniffed } from './sniff';
export type { AttachmentRecords, AttachmentRow } from './records';

/** Attachments' bytes (a blob store) and metadata (the attachments table). */
export interface AttachmentStorage { blobs: BlobStore; records: AttachmentRecords }

/** The default storage: both in PostgreSQL. An object store would replace `blobs` only. */
export function createAttachmentStorage(db: Knex, blobs: BlobStore = createPgBlobStore(db)): AttachmentStorage {
  return { blobs, records: createAttachmentRecords(db) };
}
