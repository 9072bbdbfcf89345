import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** A key ring entry, as infra/config parses PII_ENCRYPTION_KEYS. */
export interface RingKey { id: string; key: Buffer }

/**
 * Encryption and keyed hashing of personal identifiers (henkilötunnus) at rest.
 * Ciphertext format: `v1.<kid>.<iv b64url>.<tag b64url>.<ciphertext b64url>` (AES-256-GCM);
 * any key in the ring decrypts, the first encrypts, so keys can be rotated.
 */
export function createPiiCrypto(ring: RingKey[], hashKey: Buffer) {
  if (ring.length === 0) throw new Error('PII key ring is empty');
  const byId = new Map(ring.map((k) => [k.id, k.key]));
  return {
    encrypt(plain: string): string {
      const { id, key } = ring[0];
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(id));
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
    },
    decrypt(token: string): string {
      const [version, id, iv, tag, data] = token.split('.');
      const key = byId.get(id);
      if (version !== 'v1' || !key) throw new Error(`cannot decrypt: unknown key id ${id}`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(id));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    },
    /** Keyed hash for look-ups; stable across encryption key rotation. Hex, 64 chars. */
    hash(plain: string): string {
      return createHmac('sha256', hashKey).update(plain, 'utf8').digest('hex');
    },
  };
}

export type PiiCrypto = ReturnType<typeof createPiiCrypto>;
