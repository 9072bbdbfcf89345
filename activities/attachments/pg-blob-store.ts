/**
 * The default blob store: PostgreSQL, each blob as bytea rows of CHUNK_BYTES (table blob_chunks). The
 * upload is first spooled, hashed and limited, into a private temporary file, and only then written in
 * one short transaction: a slow upload holds no database connection (sessions live in PostgreSQL too),
 * and a refused, aborted or crashed upload leaves nothing in the database. Reads fetch one chunk at a time.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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
      // mkdtemp makes the folder readable by this user only.
      const dir = await mkdtemp(path.join(tmpdir(), 'lupaflow-upload-'));
      const file = path.join(dir, 'blob');
      try {
        await pipeline(source, async function* limited(pieces: AsyncIterable<Uint8Array>) {
          for await (const piece of pieces) {
            const bytes = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
            size += bytes.length;
            if (size > maxBytes) throw new BlobTooLargeError(maxBytes);
            hash.update(bytes);
            yield bytes;
          }
        }, createWriteStream(file));
        await db.transaction(async (trx) => {
          let seq = 0;
          for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES })) {
            await trx('blob_chunks').insert({ blob_key: key, seq: seq++, data: chunk as Buffer });
          }
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
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
