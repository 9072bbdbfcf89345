/**
 * Where attachment bytes live, behind an interface an object store (S3, Azure Blob, Ceph) can take:
 * put a stream under a new key (hashing it on the way and refusing it past a limit), read it back
 * as a stream, delete it. The default is PostgreSQL (pg-blob-store.ts).
 */
import type { Readable } from 'node:stream';

/** A stored blob: its key, its size in bytes and the hex SHA-256 of its bytes. */
export interface StoredBlob { key: string; size: number; sha256: string }

export interface BlobStore {
  /**
   * Stores `source` under a new key, never holding it whole in memory. Throws BlobTooLargeError once
   * more than `maxBytes` arrive, and rethrows an error of `source` (an aborted upload); either way
   * nothing of it is kept.
   */
  put(source: AsyncIterable<Uint8Array>, opts: { maxBytes: number }): Promise<StoredBlob>;
  /** The bytes of `key`, streamed. */
  get(key: string): Readable;
  /** Deletes `key`; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** Thrown by put when the source is larger than allowed. */
export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`more than ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}
