import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSelfSignedCertificate } from '../x509';
import { generateValtuudetCredentials } from '../valtuudet/dev-credentials';

/** The secrets every lupaflow process needs, as environment values. */
export interface CoreSecrets {
  PAYLOAD_CODEC_KEYS: string;
  PII_ENCRYPTION_KEYS: string;
  PII_HASH_KEY: string;
}

const key = () => randomBytes(32).toString('base64');

/** Fresh random keys in the formats infra/config/core.ts expects (key id `dev1`). */
export function generateCoreSecrets(): CoreSecrets {
  return { PAYLOAD_CODEC_KEYS: `dev1:${key()}`, PII_ENCRYPTION_KEYS: `dev1:${key()}`, PII_HASH_KEY: key() };
}

/**
 * Development and test only: fills in every secret the environment does not set, generating it on
 * first use into `<dataDir>/secrets/` (mode 0600) and reusing it afterwards, so what one run
 * encrypted the next can decrypt. Returns the variables to add (core keys, SAML SP key and
 * certificate files, and EMBEDDED_PG_PASSWORD for the embedded database).
 */
export function ensureDevSecrets(dataDir: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const dir = path.resolve(dataDir, 'secrets');
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const added: Record<string, string> = {};

  const storeFile = path.join(dir, 'dev-secrets.json');
  const stored: Record<string, string> = existsSync(storeFile) ? JSON.parse(readFileSync(storeFile, 'utf8')) : {};
  // PTV_PASSWORD: the sandbox PTV's API user, shared by the platform and the sandbox through the environment.
  // VALTUUDET_*: the e-Authorizations onboarding credentials, likewise shared with the sandbox stand-in.
  const generated = { ...generateCoreSecrets(), EMBEDDED_PG_PASSWORD: key(), PTV_PASSWORD: key(), ...generateValtuudetCredentials() };
  let changed = false;
  for (const [name, fresh] of Object.entries(generated)) {
    if (env[name]) continue;
    if (!stored[name]) { stored[name] = fresh; changed = true; }
    added[name] = stored[name];
  }
  if (changed) writePrivate(storeFile, JSON.stringify(stored, null, 2));

  if (!env.SAML_SP_KEY_FILE && !env.SAML_SP_CERT_FILE) {
    const keyFile = path.join(dir, 'saml-sp-key.pem');
    const certFile = path.join(dir, 'saml-sp-cert.pem');
    if (!existsSync(keyFile) || !existsSync(certFile)) {
      const { keyPem, certPem } = generateSelfSignedCertificate('lupaflow development SP');
      writePrivate(keyFile, keyPem);
      writePrivate(certFile, certPem);
    }
    added.SAML_SP_KEY_FILE = keyFile;
    added.SAML_SP_CERT_FILE = certFile;
  }
  return added;
}

function writePrivate(file: string, content: string): void {
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
}
