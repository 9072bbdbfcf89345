import fs from 'node:fs';
import path from 'node:path';
import { generateSelfSignedCertificate, type KeyAndCertificate } from '../../infra/x509';

/**
 * The platform-side sandbox security server's TLS key and certificate under `<dataDir>/sandbox/`,
 * generated on first use and reused: it presents them to the platform's provider listener, which
 * trusts exactly this certificate (as a real one is imported from the security server, UG-SS §9.2).
 */
export function loadOrCreateSecurityServerKeys(dataDir: string): KeyAndCertificate & { certFile: string } {
  const dir = path.join(dataDir, 'sandbox');
  const keyFile = path.join(dir, 'xroad-ss.key.pem');
  const certFile = path.join(dir, 'xroad-ss.cert.pem');
  if (fs.existsSync(keyFile) && fs.existsSync(certFile)) {
    return { keyPem: fs.readFileSync(keyFile, 'utf8'), certPem: fs.readFileSync(certFile, 'utf8'), certFile };
  }
  const generated = generateSelfSignedCertificate('lupaflow sandbox security server');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(keyFile, generated.keyPem, { mode: 0o600 });
  fs.writeFileSync(certFile, generated.certPem);
  return { ...generated, certFile };
}

/** Where `loadOrCreateSecurityServerKeys` keeps the certificate, for the launcher to hand to the platform. */
export const securityServerCertFile = (dataDir: string) => path.join(dataDir, 'sandbox', 'xroad-ss.cert.pem');
