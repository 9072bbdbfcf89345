import fs from 'node:fs';
import path from 'node:path';
import { generateSelfSignedCertificate, type KeyAndCertificate } from '../../infra/x509';

/**
 * The stand-in IdP's own signing key and certificate under `<dataDir>/sandbox/`, generated on first
 * use and reused afterwards so that a platform that trusted the metadata keeps trusting it.
 * `name` may end in `-next` for a second key, as the real IdPs publish during certificate rollover.
 */
export function loadOrCreateIdpKeys(dataDir: string, name: string): KeyAndCertificate {
  const dir = path.join(dataDir, 'sandbox');
  const keyFile = path.join(dir, `${name}-idp.key.pem`);
  const certFile = path.join(dir, `${name}-idp.cert.pem`);
  if (fs.existsSync(keyFile) && fs.existsSync(certFile)) {
    return { keyPem: fs.readFileSync(keyFile, 'utf8'), certPem: fs.readFileSync(certFile, 'utf8') };
  }
  const generated = generateSelfSignedCertificate(`lupaflow sandbox ${name} IdP`, 3650, 3072);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(keyFile, generated.keyPem, { mode: 0o600 });
  fs.writeFileSync(certFile, generated.certPem);
  return generated;
}
