import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { RingKey } from '../pii';

const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Thrown when a payload cannot be decrypted: unknown key, or tampered/corrupt ciphertext. */
export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
}

/**
 * Encrypts every Temporal payload with AES-256-GCM, so workflow inputs, results and messages (names,
 * forms) never lie in Temporal's database in clear text. The whole original payload (metadata and data)
 * is sealed; the key id travels in the metadata (`encryption-key-id`) and is bound as associated data.
 * Key ring: the first key encrypts, every key decrypts, so keys can be rotated without losing history.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly ring: RingKey[]) {
    if (ring.length === 0) throw new Error('payload codec key ring is empty');
    for (const { id, key } of ring) {
      if (key.length !== 32) throw new Error(`payload codec key "${id}" must be 32 bytes`);
    }
    this.byId = new Map(ring.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const { id, key } = this.ring[0];
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(id));
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { encoding: utf8(ENCODING), [KEY_ID]: utf8(id) }, data };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      // Payloads that were never encrypted (e.g. written by tools without the codec) pass through.
      if (Buffer.from(payload.metadata?.encoding ?? []).toString() !== ENCODING) return payload;
      const id = Buffer.from(payload.metadata?.[KEY_ID] ?? []).toString();
      const key = this.byId.get(id);
      if (!key) {
        throw new PayloadDecryptionError(`Cannot decrypt a Temporal payload: key id "${id}" is not in PAYLOAD_CODEC_KEYS (known: ${[...this.byId.keys()].join(', ')}).`);
      }
      const data = Buffer.from(payload.data ?? []);
      if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError('Cannot decrypt a Temporal payload: it is truncated.');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(id));
        decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
        const plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
        return temporal.api.common.v1.Payload.decode(plain);
      } catch {
        throw new PayloadDecryptionError(`Cannot decrypt a Temporal payload with key "${id}": it was altered or the key is wrong.`);
      }
    });
  }
}
