import fs from 'node:fs/promises';
import type { Element } from '@xmldom/xmldom';
import { AppError } from '../../infra/errors';
import { logger } from '../../infra/logger';
import { ErrorCode } from '../../workflows/error-codes';
import type { IdpName, SamlSettings } from './settings';
import { certToPem, NS, parseXml } from './xml';

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const REFRESH_MS = 60 * 60_000;

/** What the SP needs to know about an IdP, read from its metadata. */
export interface IdpDescriptor {
  name: IdpName;
  entityId: string;
  ssoRedirectUrl: string;
  sloRedirectUrl: string;
  /** Every signing certificate: Suomi.fi publishes the current and the next one during rollover. */
  signingCerts: string[];
}

/** Reads one IdP out of an EntityDescriptor or a federation's EntitiesDescriptor. */
export function parseIdpMetadata(name: IdpName, xml: string, wantedEntityId?: string): IdpDescriptor {
  const doc = parseXml(xml);
  const entities = Array.from(doc.getElementsByTagNameNS(NS.md, 'EntityDescriptor')).filter(
    (e) => e.getElementsByTagNameNS(NS.md, 'IDPSSODescriptor').length > 0,
  );
  const matches = wantedEntityId ? entities.filter((e) => e.getAttribute('entityID') === wantedEntityId) : entities;
  if (matches.length !== 1) {
    throw new Error(
      wantedEntityId ? `metadata has no IdP with entityID ${wantedEntityId}` : `metadata has ${matches.length} IdPs; set ${name.toUpperCase()}_IDP_ENTITY_ID`,
    );
  }
  const entity = matches[0];
  const idp = entity.getElementsByTagNameNS(NS.md, 'IDPSSODescriptor')[0];
  const endpoint = (tag: string, binding: string) =>
    Array.from(idp.getElementsByTagNameNS(NS.md, tag)).find((e: Element) => e.getAttribute('Binding') === binding)?.getAttribute('Location') ?? undefined;
  const signingCerts = Array.from(idp.getElementsByTagNameNS(NS.md, 'KeyDescriptor'))
    .filter((kd) => !kd.getAttribute('use') || kd.getAttribute('use') === 'signing')
    .flatMap((kd) => Array.from(kd.getElementsByTagNameNS(NS.ds, 'X509Certificate')))
    .map((c) => certToPem(c.textContent ?? ''));
  const ssoRedirectUrl = endpoint('SingleSignOnService', REDIRECT);
  const sloRedirectUrl = endpoint('SingleLogoutService', REDIRECT) ?? endpoint('SingleLogoutService', POST);
  if (!ssoRedirectUrl) throw new Error('metadata has no HTTP-Redirect SingleSignOnService');
  if (!sloRedirectUrl) throw new Error('metadata has no SingleLogoutService');
  if (signingCerts.length === 0) throw new Error('metadata has no signing certificate');
  return { name, entityId: entity.getAttribute('entityID')!, ssoRedirectUrl, sloRedirectUrl, signingCerts };
}

/**
 * Loads each IdP's metadata from its URL or file on first use and refreshes it hourly, keeping the
 * last good copy when a refresh fails (so a metadata outage does not stop logins).
 */
export function createIdpDirectory(settings: SamlSettings) {
  const cache = new Map<IdpName, { descriptor: IdpDescriptor; loadedAt: number }>();

  async function load(name: IdpName): Promise<IdpDescriptor> {
    const { source, entityId } = settings.idpMetadata[name];
    const xml = /^https?:\/\//.test(source)
      ? await fetch(source, { signal: AbortSignal.timeout(10_000) }).then(async (res) => {
          if (!res.ok) throw new Error(`${source} answered ${res.status}`);
          return res.text();
        })
      : await fs.readFile(source, 'utf8');
    return parseIdpMetadata(name, xml, entityId);
  }

  return {
    /** Loads the metadata now (for /health), keeping it as the cached copy. */
    async refresh(name: IdpName): Promise<IdpDescriptor> {
      const descriptor = await load(name);
      cache.set(name, { descriptor, loadedAt: Date.now() });
      return descriptor;
    },
    async get(name: IdpName): Promise<IdpDescriptor> {
      const hit = cache.get(name);
      if (hit && Date.now() - hit.loadedAt < REFRESH_MS) return hit.descriptor;
      try {
        const descriptor = await load(name);
        cache.set(name, { descriptor, loadedAt: Date.now() });
        return descriptor;
      } catch (err) {
        logger.error({ event: 'saml_idp_metadata_unavailable', idp: name, reason: (err as Error).message });
        if (hit) return hit.descriptor;
        throw new AppError(ErrorCode.DEPENDENCY_UNAVAILABLE, `The ${name === 'suomifi' ? 'Suomi.fi' : 'Virtu'} login service is not available right now. Try again later.`);
      }
    },
  };
}

export type IdpDirectory = ReturnType<typeof createIdpDirectory>;
