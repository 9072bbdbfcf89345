import fs from 'node:fs';
import { z } from 'zod';
import type { CoreConfig } from '../../infra/config/core';
import { ConfigError, parseEnv } from '../../infra/config/env';

/** The two identity providers the platform trusts. */
export type IdpName = 'suomifi' | 'virtu';
export const IDP_NAMES: readonly IdpName[] = ['suomifi', 'virtu'];

const samlShape = {
  /** The SP entityID registered with Suomi.fi and Virtu; default `${PUBLIC_BASE_URL}/auth/sp`. */
  SAML_SP_ENTITY_ID: z.string().min(1).optional(),
  /** PEM files of the SP's signing and decryption key and its certificate. */
  SAML_SP_KEY_FILE: z.string().min(1),
  SAML_SP_CERT_FILE: z.string().min(1),
  /** Optional previous key (still decrypts) and next certificate (already published) for key rollover. */
  SAML_SP_OLD_KEY_FILE: z.string().min(1).optional(),
  SAML_SP_NEXT_CERT_FILE: z.string().min(1).optional(),
  /** Each IdP's metadata XML: an http(s) URL or a file path. */
  SUOMIFI_IDP_METADATA: z.string().min(1),
  VIRTU_IDP_METADATA: z.string().min(1),
  /** Picks one IdP when the metadata is a federation aggregate (Virtu publishes every home organisation's IdP). */
  SUOMIFI_IDP_ENTITY_ID: z.string().min(1).optional(),
  VIRTU_IDP_ENTITY_ID: z.string().min(1).optional(),
  /** Allowed clock difference with the IdPs for SubjectConfirmation and Conditions (seconds). */
  SAML_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /** Shown in the SP metadata (Organization / ContactPerson), as registered with DVV and Valtori. */
  SAML_ORGANIZATION_NAME: z.string().min(1).default('Lupa- ja valvontavirasto'),
  SAML_ORGANIZATION_URL: z.url().default('https://www.luvatjavalvonta.fi'),
  SAML_CONTACT_EMAIL: z.email().default('lupaflow-tuki@luvatjavalvonta.fi'),
  /** Session idle timeout in minutes (the Suomi.fi SSO session lasts 32 minutes). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(240).default(30),
  /** Absolute session lifetime in hours, however active the user is. */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24).default(10),
};

/** Validated SAML settings, with the SP's keys read from their files. */
export interface SamlSettings {
  production: boolean;
  publicBaseUrl: string;
  spEntityId: string;
  spKeyPem: string;
  spCertPem: string;
  spOldKeyPem?: string;
  spNextCertPem?: string;
  idpMetadata: Record<IdpName, { source: string; entityId?: string }>;
  clockSkewSeconds: number;
  organization: { name: string; url: string; contactEmail: string };
  session: { idleMinutes: number; maxHours: number };
  /** Endpoint URLs of this SP for one IdP. */
  endpoints(idp: IdpName): { acs: string; slo: string; metadata: string };
}

/** Reads and validates the SAML settings once; throws ConfigError listing every bad value. */
export function loadSamlSettings(core: Pick<CoreConfig, 'LUPAFLOW_ENV' | 'PUBLIC_BASE_URL'>, env: NodeJS.ProcessEnv = process.env): SamlSettings {
  const cfg = parseEnv(samlShape, env);
  const base = core.PUBLIC_BASE_URL.replace(/\/$/, '');
  const problems: string[] = [];
  const readPem = (name: string, file: string | undefined, kind: 'PRIVATE KEY' | 'CERTIFICATE') => {
    if (!file) return undefined;
    try {
      const pem = fs.readFileSync(file, 'utf8');
      if (!pem.includes(kind)) problems.push(`${name} is invalid: ${file} holds no PEM ${kind.toLowerCase()}`);
      return pem;
    } catch {
      problems.push(`${name} is invalid: cannot read ${file}`);
      return undefined;
    }
  };
  const spKeyPem = readPem('SAML_SP_KEY_FILE', cfg.SAML_SP_KEY_FILE, 'PRIVATE KEY');
  const spCertPem = readPem('SAML_SP_CERT_FILE', cfg.SAML_SP_CERT_FILE, 'CERTIFICATE');
  const spOldKeyPem = readPem('SAML_SP_OLD_KEY_FILE', cfg.SAML_SP_OLD_KEY_FILE, 'PRIVATE KEY');
  const spNextCertPem = readPem('SAML_SP_NEXT_CERT_FILE', cfg.SAML_SP_NEXT_CERT_FILE, 'CERTIFICATE');
  if (problems.length || !spKeyPem || !spCertPem) throw new ConfigError(problems);
  return {
    production: core.LUPAFLOW_ENV === 'production',
    publicBaseUrl: base,
    spEntityId: cfg.SAML_SP_ENTITY_ID ?? `${base}/auth/sp`,
    spKeyPem,
    spCertPem,
    spOldKeyPem,
    spNextCertPem,
    idpMetadata: {
      suomifi: { source: cfg.SUOMIFI_IDP_METADATA, entityId: cfg.SUOMIFI_IDP_ENTITY_ID },
      virtu: { source: cfg.VIRTU_IDP_METADATA, entityId: cfg.VIRTU_IDP_ENTITY_ID },
    },
    clockSkewSeconds: cfg.SAML_CLOCK_SKEW_SECONDS,
    organization: { name: cfg.SAML_ORGANIZATION_NAME, url: cfg.SAML_ORGANIZATION_URL, contactEmail: cfg.SAML_CONTACT_EMAIL },
    session: { idleMinutes: cfg.SESSION_IDLE_MINUTES, maxHours: cfg.SESSION_MAX_HOURS },
    endpoints: (idp) => ({ acs: `${base}/auth/${idp}/acs`, slo: `${base}/auth/${idp}/slo`, metadata: `${base}/auth/${idp}/metadata` }),
  };
}
