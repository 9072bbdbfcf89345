import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

/** SAML and XML security namespaces. */
export const NS = {
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
} as const;

/** Thrown by the helpers below; the caller turns it into a refusal naming what failed. */
export class XmlCheckError extends Error {}

/** Parses XML strictly: any parser error, a DOCTYPE (entity tricks, XXE) or an empty document is refused. */
export function parseXml(xml: string): Document {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlCheckError('the XML contains a DOCTYPE, which SAML messages must not have');
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message.split('\n')[0]);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (err) {
    throw new XmlCheckError(`the XML is not well-formed (${(err as Error).message.split('\n')[0]})`);
  }
  if (!doc.documentElement) throw new XmlCheckError('the XML document is empty');
  return doc;
}

/** The element children of `el` with the given namespace and local name. */
export function childElements(el: Element, ns: string, localName: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === localName) out.push(n as Element);
  }
  return out;
}

/** The single child element, or undefined when absent; more than one is refused. */
export function childElement(el: Element, ns: string, localName: string): Element | undefined {
  const found = childElements(el, ns, localName);
  if (found.length > 1) throw new XmlCheckError(`more than one ${localName} in ${el.localName}`);
  return found[0];
}

/** Trimmed text content of an element. */
export function textOf(el: Element | undefined): string | undefined {
  return el?.textContent?.trim() || undefined;
}

/** Escapes text for use in XML content or attribute values. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Strips PEM armour and whitespace, giving the base64 body (as in ds:X509Certificate). */
export function pemBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
}

/** Wraps a base64 certificate body as PEM. */
export function certToPem(base64: string): string {
  const body = base64.replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** Two elements with the same ID let a signature reference one while the reader reads the other. */
function assertUniqueIds(root: Element): void {
  const seen = new Set<string>();
  const all = (root.ownerDocument ?? root).getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    for (const name of ['ID', 'Id', 'id']) {
      const value = all[i].getAttribute(name);
      if (value === null) continue;
      if (seen.has(value)) throw new XmlCheckError('the message contains two elements with the same ID');
      seen.add(value);
    }
  }
}

/** SHA-1 is refused in signatures and digests alike. */
const ALLOWED_SIGNATURE_ALGORITHMS = new Set([
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
]);
const ALLOWED_DIGEST_ALGORITHMS = new Set(['http://www.w3.org/2001/04/xmlenc#sha256', 'http://www.w3.org/2001/04/xmlenc#sha512']);

/**
 * Verifies the enveloped signature that is a direct child of `root` (the only place a SAML message or
 * assertion signature may sit) against one of the trusted certificates, and requires its single
 * Reference to point at `root` itself. Returns the canonical signed bytes of `root`, which is all a
 * caller may read: reading anything else is how signature-wrapping attacks work.
 */
export function verifyEnvelopedSignature(xml: string, root: Element, certsPem: string[], what: string): string {
  const signatures = childElements(root, NS.ds, 'Signature');
  if (signatures.length === 0) throw new XmlCheckError(`the ${what} is not signed`);
  if (signatures.length > 1) throw new XmlCheckError(`the ${what} has more than one signature`);
  const id = root.getAttribute('ID');
  if (!id) throw new XmlCheckError(`the ${what} has no ID`);
  assertUniqueIds(root);
  const method = signatures[0].getElementsByTagNameNS(NS.ds, 'SignatureMethod')[0]?.getAttribute('Algorithm');
  if (!method || !ALLOWED_SIGNATURE_ALGORITHMS.has(method)) {
    throw new XmlCheckError(`the ${what} is signed with an algorithm that is not accepted (${method ?? 'none'})`);
  }
  for (const digest of Array.from(signatures[0].getElementsByTagNameNS(NS.ds, 'DigestMethod'))) {
    const alg = digest.getAttribute('Algorithm');
    if (!alg || !ALLOWED_DIGEST_ALGORITHMS.has(alg)) throw new XmlCheckError(`the ${what} signature uses a digest that is not accepted (${alg ?? 'none'})`);
  }
  for (const cert of certsPem) {
    const sig = new SignedXml({ publicCert: cert, getCertFromKeyInfo: () => null });
    let valid = false;
    try {
      sig.loadSignature(signatures[0].toString());
      valid = sig.checkSignature(xml);
    } catch {
      // A malformed signature element counts as an invalid signature.
      valid = false;
    }
    if (!valid) continue;
    const refs = sig.getReferences();
    if (refs.length !== 1 || refs[0].uri !== `#${id}`) {
      throw new XmlCheckError(`the ${what} signature does not cover the ${what} itself`);
    }
    const signed = sig.getSignedReferences();
    if (signed.length !== 1) throw new XmlCheckError(`the ${what} signature does not cover the ${what} itself`);
    return signed[0];
  }
  throw new XmlCheckError(`the ${what} signature is not valid for the identity provider's certificates`);
}
