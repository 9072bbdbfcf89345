/**
 * The floor under a login: the same RSA and AES operations a SAML login needs, done directly with
 * node:crypto on keys parsed once. Two RSA-SHA256 verifications with the IdP key (Response and
 * Assertion signatures), their two SHA-256 digests, one RSA-OAEP unwrap of the AES key with the SP key
 * and one AES-256-GCM decryption of an assertion of the same size.
 */
import {
  constants, createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt, randomBytes, sign, verify,
} from 'node:crypto';

export interface RawOpCosts {
  /** Microseconds per operation. */
  rsaSha256VerifyUs: number;
  sha256DigestUs: number;
  rsaOaepUnwrapUs: number;
  aesGcmDecryptUs: number;
  /** One login's worth: 2 verifies + 2 digests + 1 unwrap + 1 decrypt. */
  perLoginUs: number;
}

/** Mean µs of `fn` over `n` runs, after a few warm-up runs. */
function timeUs(n: number, fn: () => void): number {
  for (let i = 0; i < Math.min(10, n); i++) fn();
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - started) / 1000 / n;
}

/**
 * Measures each raw operation `n` times. `signedInfoBytes` and `assertionBytes` are the sizes of what
 * is signed (a SignedInfo) and encrypted (the signed assertion) in a real response.
 */
export function measureRawLoginCrypto(keys: { idpKeyPem: string; spKeyPem: string }, sizes: { signedInfoBytes: number; assertionBytes: number; responseBytes: number }, n: number): RawOpCosts {
  const idpPrivate = createPrivateKey(keys.idpKeyPem);
  const idpPublic = createPublicKey(idpPrivate);
  const spPrivate = createPrivateKey(keys.spKeyPem);
  const spPublic = createPublicKey(spPrivate);

  const signedInfo = randomBytes(sizes.signedInfoBytes);
  const signature = sign('sha256', signedInfo, idpPrivate);
  const rsaSha256VerifyUs = timeUs(n, () => {
    if (!verify('sha256', signedInfo, idpPublic, signature)) throw new Error('raw verify failed');
  });

  const response = randomBytes(sizes.responseBytes);
  const sha256DigestUs = timeUs(n, () => createHash('sha256').update(response).digest());

  // rsa-oaep-mgf1p: OAEP with SHA-1 and MGF1-SHA-1, node's default OAEP.
  const aesKey = randomBytes(32);
  const wrapped = publicEncrypt({ key: spPublic, padding: constants.RSA_PKCS1_OAEP_PADDING }, aesKey);
  const rsaOaepUnwrapUs = timeUs(n, () => privateDecrypt({ key: spPrivate, padding: constants.RSA_PKCS1_OAEP_PADDING }, wrapped));

  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', aesKey, iv);
  const ciphertext = Buffer.concat([cipher.update(randomBytes(sizes.assertionBytes)), cipher.final()]);
  const tag = cipher.getAuthTag();
  const aesGcmDecryptUs = timeUs(n, () => {
    const decipher = createDecipheriv('aes-256-gcm', aesKey, iv);
    decipher.setAuthTag(tag);
    Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  });

  return {
    rsaSha256VerifyUs: round(rsaSha256VerifyUs),
    sha256DigestUs: round(sha256DigestUs),
    rsaOaepUnwrapUs: round(rsaOaepUnwrapUs),
    aesGcmDecryptUs: round(aesGcmDecryptUs),
    perLoginUs: round(2 * rsaSha256VerifyUs + 2 * sha256DigestUs + rsaOaepUnwrapUs + aesGcmDecryptUs),
  };
}

const round = (x: number) => Math.round(x * 10) / 10;
