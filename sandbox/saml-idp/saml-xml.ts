import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { randomBytes } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { RSA_SHA256 } from '../../infra/saml/redirect-binding';
import * as xmlenc from 'xml-encryption';

/** The XML plumbing of the stand-in IdP: parsing, signing, encryption (the Redirect binding is infra/saml). */

export const NS = {
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
} as const;


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

