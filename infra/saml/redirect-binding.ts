import { createSign, createVerify } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const deflateRaw = promisify(zlib.deflateRaw);
const inflateRaw = promisify(zlib.inflateRaw);
/** The signature algorithm this platform and its stand-ins sign with. */
export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const VERIFY_ALGORITHMS: Record<string, string> = {
  [RSA_SHA256]: 'RSA-SHA256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'RSA-SHA512',
};
/** Inflated messages larger than this are refused (a deflate bomb guard). */
const MAX_INFLATED_BYTES = 256 * 1024;

/**
 * The SAML HTTP-Redirect binding (SAMLBind §3.4.4.1), as a protocol codec both the service provider
 * (api/saml) and the sandbox identity providers use, like infra/x509. Messages name what is wrong in
 * words fit for a refusal.
 */

/** Thrown when a Redirect-binding message is malformed, unsigned or wrongly signed. */
export class RedirectBindingError extends Error {}

/**
 * Builds a signed HTTP-Redirect binding URL: DEFLATE + base64 of the message, then an RSA-SHA256
 * signature over `SAMLRequest=…&RelayState=…&SigAlg=…` exactly as sent (SAMLBind §3.4.4.1).
 */
export async function signedRedirectUrl(
  endpoint: string,
  kind: 'SAMLRequest' | 'SAMLResponse',
  xml: string,
  relayState: string | undefined,
  keyPem: string,
): Promise<string> {
  const encoded = (await deflateRaw(Buffer.from(xml, 'utf8'))).toString('base64');
  let query = `${kind}=${encodeURIComponent(encoded)}`;
  if (relayState !== undefined) query += `&RelayState=${encodeURIComponent(relayState)}`;
  query += `&SigAlg=${encodeURIComponent(RSA_SHA256)}`;
  const signature = createSign('RSA-SHA256').update(query).sign(keyPem, 'base64');
  return `${endpoint}${endpoint.includes('?') ? '&' : '?'}${query}&Signature=${encodeURIComponent(signature)}`;
}

/** A received, signature-checked Redirect-binding message. */
export interface RedirectMessage {
  kind: 'SAMLRequest' | 'SAMLResponse';
  xml: string;
  relayState?: string;
}

/**
 * Reads a Redirect-binding message and verifies its signature over the raw query parameters as they
 * arrived (re-encoding them could differ from what the IdP signed). Unsigned messages are refused.
 */
export async function readSignedRedirect(rawQuery: string, certsPem: string[]): Promise<RedirectMessage> {
  try {
    return await readVerified(rawQuery, certsPem);
  } catch (err) {
    // Malformed percent-encoding is the sender's fault, not ours.
    if (err instanceof URIError) throw new RedirectBindingError('the message is not correctly URL-encoded');
    throw err;
  }
}

async function readVerified(rawQuery: string, certsPem: string[]): Promise<RedirectMessage> {
  const raw = new Map<string, string>();
  for (const part of rawQuery.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && !raw.has(part.slice(0, eq))) raw.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const kind = raw.has('SAMLRequest') ? 'SAMLRequest' : raw.has('SAMLResponse') ? 'SAMLResponse' : undefined;
  if (!kind) throw new RedirectBindingError('the message has no SAMLRequest or SAMLResponse');
  const sigAlg = raw.get('SigAlg');
  const signature = raw.get('Signature');
  if (!sigAlg || !signature) throw new RedirectBindingError('the message is not signed');
  const algorithm = VERIFY_ALGORITHMS[decodeURIComponent(sigAlg)];
  if (!algorithm) throw new RedirectBindingError('the message is signed with an algorithm that is not accepted');
  const signed = [`${kind}=${raw.get(kind)}`];
  if (raw.has('RelayState')) signed.push(`RelayState=${raw.get('RelayState')}`);
  signed.push(`SigAlg=${sigAlg}`);
  const sigBytes = Buffer.from(decodeURIComponent(signature), 'base64');
  const ok = certsPem.some((cert) => createVerify(algorithm).update(signed.join('&')).verify(cert, sigBytes));
  if (!ok) throw new RedirectBindingError("the message signature is not valid for the sender's certificates");
  let inflated: Buffer;
  try {
    inflated = await inflateRaw(Buffer.from(decodeURIComponent(raw.get(kind)!), 'base64'), { maxOutputLength: MAX_INFLATED_BYTES });
  } catch {
    throw new RedirectBindingError('the message could not be decoded');
  }
  const relay = raw.get('RelayState');
  return { kind, xml: inflated.toString('utf8'), relayState: relay === undefined ? undefined : decodeURIComponent(relay.replace(/\+/g, ' ')) };
}
