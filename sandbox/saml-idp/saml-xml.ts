import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { createSign, createVerify, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { SignedXml } from 'xml-crypto';
import * as xmlenc from 'xml-encryption';

/** The XML plumbing of the stand-in IdP: parsing, signing, encryption, the Redirect binding. */

export const NS = {
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const deflateRaw = promisify(zlib.deflateRaw);
const inflateRaw = promisify(zlib.inflateRaw);

/** A fresh SAML ID (must not start with a digit). */
export const newId = () => `_${randomBytes(20).toString('hex')}`;

export function parseXml(xml: string): Document {
  if (/<!DOCTYPE/i.test(xml)) throw new Error('DOCTYPE not allowed');
  return new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(message);
    },
  }).parseFromString(xml, 'text/xml');
}

export function firstElement(root: Document | Element, ns: string, localName: string): Element | undefined {
  return root.getElementsByTagNameNS(ns, localName)[0] ?? undefined;
}

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export const pemBody = (pem: string) => pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
export const certToPem = (b64: string) =>
  `-----BEGIN CERTIFICATE-----\n${b64.replace(/\s+/g, '').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;

/**
 * Signs the element selected by `xpath` (enveloped, exc-c14n, SHA-256), placing the signature right
 * after its Issuer as the SAML schema wants. `referenceXpath` lets the tests point the Reference at
 * another element (a signature-wrapping fault).
 */
export function signXml(xml: string, opts: { keyPem: string; certPem: string; xpath: string; issuerXpath: string; referenceXpath?: string }): string {
  const sig = new SignedXml({
    privateKey: opts.keyPem,
    publicCert: opts.certPem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: opts.referenceXpath ?? opts.xpath,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: opts.issuerXpath, action: 'after' } });
  return sig.getSignedXml();
}

/** Encrypts an assertion for the SP's encryption certificate (EncryptedData without the wrapper). */
export function encryptXml(xml: string, certPem: string, dataAlgorithm: string, keyAlgorithm: string): Promise<string> {
  return new Promise((resolve, reject) => {
    xmlenc.encrypt(
      xml,
      {
        rsa_pub: certPem,
        pem: certPem,
        encryptionAlgorithm: dataAlgorithm,
        keyEncryptionAlgorithm: keyAlgorithm,
        // Tests deliberately produce CBC and RSA1_5 to prove the platform refuses them.
        disallowEncryptionWithInsecureAlgorithm: false,
        warnInsecureAlgorithm: false,
      },
      (err: Error | null, result: string) => (err ? reject(err) : resolve(result)),
    );
  });
}

/** Builds a signed HTTP-Redirect binding URL (SAMLBind §3.4.4.1: the signature covers the raw query). */
export async function redirectUrl(
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

/** A received Redirect-binding message, inflated. */
export interface RedirectMessage {
  kind: 'SAMLRequest' | 'SAMLResponse';
  xml: string;
  relayState?: string;
}

/**
 * Decodes a Redirect-binding query string and verifies its signature over the raw, still-encoded
 * parameters against one of `certsPem`. Unsigned messages are refused.
 */
export async function readSignedRedirect(rawQuery: string, certsPem: string[]): Promise<RedirectMessage> {
  const raw = new Map<string, string>();
  for (const part of rawQuery.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) raw.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const kind = raw.has('SAMLRequest') ? 'SAMLRequest' : raw.has('SAMLResponse') ? 'SAMLResponse' : undefined;
  if (!kind) throw new Error('no SAMLRequest or SAMLResponse in the query');
  const sigAlg = raw.get('SigAlg');
  const signature = raw.get('Signature');
  if (!sigAlg || !signature) throw new Error('the message is not signed');
  if (decodeURIComponent(sigAlg) !== RSA_SHA256) throw new Error('unsupported SigAlg');
  const signed = [`${kind}=${raw.get(kind)}`];
  if (raw.has('RelayState')) signed.push(`RelayState=${raw.get('RelayState')}`);
  signed.push(`SigAlg=${sigAlg}`);
  const sigBytes = Buffer.from(decodeURIComponent(signature), 'base64');
  const ok = certsPem.some((cert) => createVerify('RSA-SHA256').update(signed.join('&')).verify(cert, sigBytes));
  if (!ok) throw new Error('the Redirect signature does not verify with the SP certificate');
  const xml = (await inflateRaw(Buffer.from(decodeURIComponent(raw.get(kind)!), 'base64'))).toString('utf8');
  const relay = raw.get('RelayState');
  return { kind, xml, relayState: relay === undefined ? undefined : decodeURIComponent(relay.replace(/\+/g, ' ')) };
}
