/**
 * Everything one in-process login needs, built from the project's own code: the sandbox IdP's keys
 * (3072-bit, sandbox/saml-idp/keys.ts) and response builder, the SP's key as the dev secrets make it
 * (2048-bit), and the platform's SAML settings. No HTTP: what a login costs the SP is then crypto and checks.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { IdpDescriptor } from '../api/saml/idp-metadata';
import { loadSamlSettings, type SamlSettings } from '../api/saml/settings';
import { generateSelfSignedCertificate } from '../infra/x509';
import { AUTH_METHODS } from '../sandbox/saml-idp/fixtures';
import { loadOrCreateIdpKeys } from '../sandbox/saml-idp/keys';
import { suomifiProfile } from '../sandbox/saml-idp/profiles';
import { buildResponseXml } from '../sandbox/saml-idp/response';
import { newId } from '../sandbox/saml-idp/saml-xml';

const PUBLIC_BASE_URL = 'http://localhost:3000';
const IDP_ENTITY_ID = 'http://localhost:4101/idp1';

export interface LoginFixture {
  settings: SamlSettings;
  idp: IdpDescriptor;
  idpKeyPem: string;
  spKeyPem: string;
  spCertPem: string;
  /** A POST-binding body (base64 SAMLResponse) answering the AuthnRequest `requestId`, for test person `hetu`. */
  mint(requestId: string, hetu: string): Promise<{ SAMLResponse: string; RelayState?: string }>;
  /** Removes the key files. */
  dispose(): Promise<void>;
}

export async function createLoginFixture(): Promise<LoginFixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lupaflow-login-cost-'));
  const idpKeys = loadOrCreateIdpKeys(dir, 'suomifi');
  const sp = generateSelfSignedCertificate('lupaflow bench SP');
  const keyFile = path.join(dir, 'sp-key.pem');
  const certFile = path.join(dir, 'sp-cert.pem');
  writeFileSync(keyFile, sp.keyPem, { mode: 0o600 });
  writeFileSync(certFile, sp.certPem);
  const settings = loadSamlSettings(
    { LUPAFLOW_ENV: 'development', PUBLIC_BASE_URL },
    { SAML_SP_KEY_FILE: keyFile, SAML_SP_CERT_FILE: certFile, SUOMIFI_IDP_METADATA: `${IDP_ENTITY_ID}/metadata`, VIRTU_IDP_METADATA: 'unused' },
  );
  const idp: IdpDescriptor = {
    name: 'suomifi', entityId: IDP_ENTITY_ID, ssoRedirectUrl: `${IDP_ENTITY_ID}/sso`, sloRedirectUrl: `${IDP_ENTITY_ID}/slo`, signingCerts: [idpKeys.certPem],
  };
  return {
    settings,
    idp,
    idpKeyPem: idpKeys.keyPem,
    spKeyPem: sp.keyPem,
    spCertPem: sp.certPem,
    async mint(requestId, hetu) {
      const xml = await buildResponseXml({
        idp: { entityId: IDP_ENTITY_ID, keyPem: idpKeys.keyPem, certPem: idpKeys.certPem },
        sp: { entityId: settings.spEntityId, acsUrl: settings.endpoints('suomifi').acs, encryptionCertPem: sp.certPem },
        inResponseTo: requestId,
        nameId: randomBytes(24).toString('base64'),
        sessionIndex: newId(),
        classRef: AUTH_METHODS['mobile-id'].classRef,
        attributes: suomifiProfile.attributesFor(hetu)!,
      });
      return { SAMLResponse: Buffer.from(xml, 'utf8').toString('base64') };
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
