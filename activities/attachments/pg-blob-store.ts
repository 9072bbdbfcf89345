/**
 * The default blob store: PostgreSQL, each blob as bytea rows of CHUNK_BYTES (table blob_chunks), written
 * in one transaction while the upload streams in, so that a refused, aborted or crashed upload leaves
 * nothing (the transaction rolls back). Reads fetch one chunk at a time.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Knex } from 'knex';
import { BlobTooLargeError, type BlobStore, type StoredBlob } from './blob-store';

/** Bytes per row: large enough for few rows, small enough that memory stays far below a file's size. */
export const CHUNK_BYTES = 256 * 1024;

export function createPgBlobStore(db: Knex): BlobStore {
  return {
    async put(source, { maxBytes }): Promise<StoredBlob> {
      const key = randomUUID();
      const hash = createHash('sha256');
      let size = 0;
      await db.transaction(async (trx) => {
        let seq = 0;
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        const flush = async () => {
          if (pendingBytes === 0) return;
          await trx('blob_chunks').insert({ blob_key: key, seq: seq++, data: Buffer.concat(pending, pendingBytes) });
          pending = [];
          pendingBytes = 0;
        };
        for await (const piece of source) {
          const bytes = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
          size += bytes.length;
          if (size > maxBytes) throw new BlobTooLargeError(maxBytes);
          hash.update(bytes);
          for (let offset = 0; offset < bytes.length;) {
            const take = Math.min(CHUNK_BYTES - pendingBytes, bytes.length - offset);
            pending.push(bytes.subarray(offset, offset + take));
            pendingBytes += take;
            offset += take;
            if (pendingBytes === CHUNK_BYTES) await flush();
          }
        }
        await flush();
      });
      return { key, size, sha256: hash.digest('hex') };
    },

    get(key) {
      return Readable.from((async function* chunks() {
        for (let seq = 0; ; seq++) {
          const row: { data: Buffer } | undefined = await db('blob_chunks').where({ blob_key: key, seq }).first('data');
          if (!row) return;
          yield row.data;
        }
      })());
    },

    async delete(key) {
      await db('blob_chunks').where({ blob_key: key }).delete();
    },
  };
}
