import { certToPem, firstElement, NS, parseXml } from './saml-xml';

/** What the stand-in IdP trusts about the platform, read from the SP's published metadata. */
export interface SpDescriptor {
  entityId: string;
  signingCerts: string[];
  encryptionCert: string;
  acsUrl: string;
  sloRedirectUrl: string;
}

/** Parses an SP EntityDescriptor (the platform's `/auth/{idp}/metadata`). */
export function parseSpMetadata(xml: string): SpDescriptor {
  const doc = parseXml(xml);
  const entity = doc.documentElement!;
  const sp = firstElement(doc, NS.md, 'SPSSODescriptor');
  if (!sp) throw new Error('SP metadata has no SPSSODescriptor');
  const certs = (use: string) =>
    Array.from(sp.getElementsByTagNameNS(NS.md, 'KeyDescriptor'))
      .filter((kd) => !kd.getAttribute('use') || kd.getAttribute('use') === use)
      .map((kd) => certToPem(kd.getElementsByTagNameNS(NS.ds, 'X509Certificate')[0]?.textContent ?? ''));
  const endpoint = (tag: string, binding: string) =>
    Array.from(sp.getElementsByTagNameNS(NS.md, tag)).find((e) => e.getAttribute('Binding') === binding)?.getAttribute('Location');
  const acsUrl = endpoint('AssertionConsumerService', 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
  const sloRedirectUrl = endpoint('SingleLogoutService', 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect');
  const encryption = certs('encryption');
  if (!acsUrl || !sloRedirectUrl || encryption.length === 0) throw new Error('SP metadata lacks ACS, SLO or an encryption key');
  return { entityId: entity.getAttribute('entityID')!, signingCerts: certs('signing'), encryptionCert: encryption[0], acsUrl, sloRedirectUrl };
}

/**
 * Fetches the SP metadata from the platform on first use and caches it; `refresh` fetches again
 * (the platform may have started after the sandbox, or rotated its keys).
 */
export function spMetadataSource(url: string) {
  let cached: SpDescriptor | undefined;
  return {
    url,
    async get(refresh = false): Promise<SpDescriptor> {
      if (cached && !refresh) return cached;
      const res = await fetch(url);
      if (!res.ok) throw new Error(`SP metadata at ${url} answered ${res.status}`);
      cached = parseSpMetadata(await res.text());
      return cached;
    },
  };
}
