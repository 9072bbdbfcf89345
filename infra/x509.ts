import forge from 'node-forge';
import { randomBytes } from 'node:crypto';

/** A PEM private key (PKCS#8) and its self-signed X.509 certificate. */
export interface KeyAndCertificate {
  keyPem: string;
  certPem: string;
}

/**
 * Generates an RSA key and a self-signed certificate (SHA-256) for SAML signing and encryption.
 * Suomi.fi accepts self-signed SP certificates in its test environment; production uses CA-issued ones.
 */
export function generateSelfSignedCertificate(commonName: string, days = 3650, bits = 2048): KeyAndCertificate {
  const keys = forge.pki.rsa.generateKeyPair({ bits, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  // A positive serial: the high bit cleared so DER does not read it as negative.
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  cert.serialNumber = serial.toString('hex');
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + days * 86_400_000);
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, dataEncipherment: true },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return {
    keyPem: forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keys.privateKey))),
    certPem: forge.pki.certificateToPem(cert),
  };
}
