/**
 * Recognises a file's media type from its first bytes (magic numbers), so that a file declared as a
 * PDF is one. Only the types listed here can be allowed for a service: a type the platform cannot
 * recognise could not be checked.
 */

const SIGNATURES: Record<string, readonly (readonly number[])[]> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/tiff': [[0x49, 0x49, 0x2a, 0x00], [0x4d, 0x4d, 0x00, 0x2a]],
};

/** The media types a service may allow for attachments. */
export const SNIFFABLE_MEDIA_TYPES = Object.keys(SIGNATURES);

/** How many first bytes the check needs. */
const HEAD_BYTES = Math.max(...Object.values(SIGNATURES).flat().map((s) => s.length));

/** Whether `head` (a file's first bytes) begins like a file of `mediaType`. */
export function looksLike(head: Buffer, mediaType: string): boolean {
  return (SIGNATURES[mediaType] ?? []).some((sig) => head.length >= sig.length && sig.every((byte, i) => head[i] === byte));
}

/** Thrown when a file's bytes are not of its declared media type. */
export class MediaTypeMismatchError extends Error {
  constructor(readonly mediaType: string) {
    super(`the content is not ${mediaType}`);
    this.name = 'MediaTypeMismatchError';
  }
}

/** Passes `source` through unchanged, after checking its first bytes against `mediaType`. */
export async function* sniffed(source: AsyncIterable<Uint8Array>, mediaType: string): AsyncGenerator<Buffer> {
  let head = Buffer.alloc(0);
  let checked = false;
  for await (const piece of source) {
    const bytes = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    if (checked) {
      yield bytes;
      continue;
    }
    head = Buffer.concat([head, bytes]);
    if (head.length < HEAD_BYTES) continue;
    if (!looksLike(head, mediaType)) throw new MediaTypeMismatchError(mediaType);
    checked = true;
    yield head;
  }
  if (!checked) {
    if (!looksLike(head, mediaType)) throw new MediaTypeMismatchError(mediaType);
    if (head.length > 0) yield head;
  }
}
