import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec } from '../../infra/temporal/codec';

const key = (id: string) => ({ id, key: randomBytes(32) });
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString();
const payload = (value: unknown) => defaultPayloadConverter.toPayload(value);

describe('[#2] the payload codec', () => {
  const k1 = key('k1');
  const k2 = key('k2');

  it('encrypts a payload so that no clear text remains, and decrypts it back whole', async () => {
    const codec = new AesGcmPayloadCodec([k1]);
    const original = payload({ name: 'Tessa Testilä', hetu: '010280-952L' });
    const [encrypted] = await codec.encode([original]);
    expect(text(encrypted.metadata?.encoding)).toBe('binary/encrypted');
    expect(text(encrypted.metadata?.['encryption-key-id'])).toBe('k1');
    expect(Buffer.from(encrypted.data!).toString('latin1')).not.toContain('952L');
    const [decrypted] = await codec.decode([encrypted]);
    expect(defaultPayloadConverter.fromPayload(decrypted)).toEqual({ name: 'Tessa Testilä', hetu: '010280-952L' });
    expect(text(decrypted.metadata?.encoding)).toBe('json/plain');
  });

  it('after rotation encrypts with the new key and still decrypts what the old key sealed', async () => {
    const [old] = await new AesGcmPayloadCodec([k1]).encode([payload('before rotation')]);
    const rotated = new AesGcmPayloadCodec([k2, k1]);
    const [fresh] = await rotated.encode([payload('after rotation')]);
    expect(text(fresh.metadata?.['encryption-key-id'])).toBe('k2');
    const decoded = await rotated.decode([old, fresh]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual(['before rotation', 'after rotation']);
  });

  it('refuses a payload whose ciphertext was altered', async () => {
    const codec = new AesGcmPayloadCodec([k1]);
    const [encrypted] = await codec.encode([payload({ form: 'content' })]);
    const data = Buffer.from(encrypted.data!);
    data[20] ^= 0x01;
    await expect(codec.decode([{ ...encrypted, data }])).rejects.toThrow(/altered or the key is wrong/);
  });

  it('refuses a payload sealed with a key it does not have, naming the key id', async () => {
    const [encrypted] = await new AesGcmPayloadCodec([k2]).encode([payload('x')]);
    await expect(new AesGcmPayloadCodec([k1]).decode([encrypted])).rejects.toThrow('key id "k2" is not in PAYLOAD_CODEC_KEYS');
  });

  it('refuses a key ring with a key of the wrong size', () => {
    expect(() => new AesGcmPayloadCodec([{ id: 'short', key: randomBytes(16) }])).toThrow('must be 32 bytes');
  });
});
