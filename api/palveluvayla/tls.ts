import fs from 'node:fs';
import path from 'node:path';
import { generateSelfSignedCertificate } from '../../infra/x509';
import type { ProviderConfig } from './config';

/** The HTTPS listener's key and certificate and the one client certificate it trusts. */
export interface ProviderTls { key: string; cert: string; trustedClientCert: string }

/**
 * The provider listener's TLS material: from the configured files, or in development a key and
 * certificate generated once under `<dataDir>/xroad/`. null when no security server certificate is
 * known: there is then nobody to let in over HTTPS, and only the plain listener runs.
 */
export function loadProviderTls(config: ProviderConfig, dataDir: string): ProviderTls | null {
  const trustedFile = config.XROAD_SECURITY_SERVER_CERT_FILE;
  if (!trustedFile || !fs.existsSync(trustedFile)) return null;
  const own = config.XROAD_PROVIDER_TLS_KEY_FILE && config.XROAD_PROVIDER_TLS_CERT_FILE
    ? { keyFile: config.XROAD_PROVIDER_TLS_KEY_FILE, certFile: config.XROAD_PROVIDER_TLS_CERT_FILE }
    : devCertificate(dataDir);
  return { key: fs.readFileSync(own.keyFile, 'utf8'), cert: fs.readFileSync(own.certFile, 'utf8'), trustedClientCert: fs.readFileSync(trustedFile, 'utf8') };
}

function devCertificate(dataDir: string): { keyFile: string; certFile: string } {
  const dir = path.join(dataDir, 'xroad');
  const keyFile = path.join(dir, 'provider.key.pem');
  const certFile = path.join(dir, 'provider.cert.pem');
  if (!fs.existsSync(keyFile) || !fs.existsSync(certFile)) {
    const { keyPem, certPem } = generateSelfSignedCertificate('lupaflow X-Road provider (development)');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(keyFile, keyPem, { mode: 0o600 });
    fs.writeFileSync(certFile, certPem);
  }
  return { keyFile, certFile };
}
