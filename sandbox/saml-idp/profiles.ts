import { AUTH_METHODS, DEFAULT_METHOD, TEST_OFFICIALS, TEST_PERSONS, VIRTU_CLASS_REF, type AuthMethod } from './fixtures';
import type { SamlAttribute } from './response';

type Lang = 'fi' | 'sv' | 'en';

/** What differs between the Suomi.fi-like and the Virtu-like stand-in: entity path, users, attributes. */
export interface IdpProfile {
  name: 'suomifi' | 'virtu';
  /** Appended to the base URL to form the entityID (Suomi.fi: `…/idp1`, a Shibboleth IdP: `…/idp/shibboleth`). */
  entityPath: string;
  title: Record<Lang, string>;
  users: { id: string; label: string }[];
  /** Authentication methods offered on the selection page (Suomi.fi only). */
  methods: { id: string; label: Record<Lang, string> }[];
  attributesFor(userId: string): SamlAttribute[] | undefined;
  /** The AuthnContextClassRef for a method; undefined when the method is unknown. */
  classRefFor(method: string | undefined): string | undefined;
}

const attr = (name: string, friendlyName: string, ...values: string[]): SamlAttribute => ({ name, friendlyName, values });

/** Suomi.fi e-Identification: attributes of specs/saml.md §1.6 (limited scope). */
export const suomifiProfile: IdpProfile = {
  name: 'suomifi',
  entityPath: '/idp1',
  title: { fi: 'Suomi.fi-tunnistus (hiekkalaatikko)', sv: 'Suomi.fi-identifikation (sandlåda)', en: 'Suomi.fi e-Identification (sandbox)' },
  users: TEST_PERSONS.map((p) => ({ id: p.hetu, label: `${p.familyName} ${p.firstNames} (${p.hetu})` })),
  methods: Object.entries(AUTH_METHODS).map(([id, m]) => ({ id, label: m.label })),
  attributesFor(hetu) {
    const p = TEST_PERSONS.find((x) => x.hetu === hetu);
    if (!p) return undefined;
    return [
      attr('urn:oid:1.2.246.21', 'nationalIdentificationNumber', p.hetu),
      attr('urn:oid:2.5.4.3', 'cn', `${p.familyName} ${p.firstNames}`),
      attr('urn:oid:2.16.840.1.113730.3.1.241', 'displayName', `${p.givenName} ${p.familyName}`),
      attr('urn:oid:2.5.4.42', 'givenName', p.givenName),
      attr('urn:oid:2.5.4.4', 'sn', p.familyName),
      attr('http://eidas.europa.eu/attributes/naturalperson/CurrentGivenName', 'FirstName', p.firstNames),
      { name: 'urn:oid:1.2.246.517.3002.111.2', values: ['true'] },
    ];
  },
  classRefFor(method) {
    return AUTH_METHODS[(method ?? DEFAULT_METHOD) as AuthMethod]?.classRef;
  },
};

/** Virtu: attributes of specs/saml.md §2 (arc 1.3.6.1.4.1.31350.1). */
export const virtuProfile: IdpProfile = {
  name: 'virtu',
  entityPath: '/idp/shibboleth',
  title: { fi: 'Virtu-kertakirjautuminen (hiekkalaatikko)', sv: 'Virtu-inloggning (sandlåda)', en: 'Virtu single sign-on (sandbox)' },
  users: TEST_OFFICIALS.map((o) => ({ id: o.localId, label: `${o.givenName} ${o.familyName}, ${o.organizationName} (${o.entitlements.join(', ')})` })),
  methods: [],
  attributesFor(localId) {
    const o = TEST_OFFICIALS.find((x) => x.localId === localId);
    if (!o) return undefined;
    return [
      attr('urn:oid:1.3.6.1.4.1.31350.1.8', 'virtuLocalID', o.localId),
      attr('urn:oid:1.3.6.1.4.1.31350.1.5', 'virtuHomeOrganization', o.homeOrganization),
      attr('urn:oid:1.3.6.1.4.1.31350.1.4', 'virtuPersonEntitlement', ...o.entitlements),
      attr('urn:oid:2.5.4.3', 'cn', `${o.familyName} ${o.givenName}`),
      attr('urn:oid:2.5.4.42', 'givenName', o.givenName),
      attr('urn:oid:2.5.4.4', 'sn', o.familyName),
      attr('urn:oid:0.9.2342.19200300.100.1.3', 'mail', o.localId),
      attr('urn:oid:2.5.4.10', 'o', o.organizationName),
    ];
  },
  classRefFor(method) {
    return method === undefined ? VIRTU_CLASS_REF : undefined;
  },
};
