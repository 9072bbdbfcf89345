import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Login CSRF defence (specs/saml.md §4, "bind RelayState to session"): each login gets a random
 * nonce kept by the browser that started it (the `lupaflow_login` cookie) and, as a SHA-256, by the
 * AuthnRequest's row. A response posted by any other browser, say one an attacker obtained for their
 * own account, does not match and is refused.
 */
export function newLoginBinding(): { nonce: string; hash: string } {
  const nonce = randomBytes(32).toString('base64url');
  return { nonce, hash: hashNonce(nonce) };
}

/** Whether the nonce from the browser's cookie is the one the request was bound to. */
export function matchesLoginBinding(nonce: string | undefined, hash: string | null): boolean {
  if (!nonce || !hash || nonce.length > 100) return false;
  const got = Buffer.from(hashNonce(nonce), 'hex');
  const want = Buffer.from(hash, 'hex');
  return got.length === want.length && timingSafeEqual(got, want);
}

const hashNonce = (nonce: string) => createHash('sha256').update(nonce, 'utf8').digest('hex');
