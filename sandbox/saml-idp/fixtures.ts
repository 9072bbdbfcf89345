/** Test persons and officials the sandbox identity providers offer. Nothing here is real personal data. */

/** A Suomi.fi test person: DVV's published test identity codes (specs/saml.md §1.9). */
export interface TestPerson {
  hetu: string;
  givenName: string;
  firstNames: string;
  familyName: string;
}

export const TEST_PERSONS: TestPerson[] = [
  { hetu: '010280-952L', givenName: 'Tessa', firstNames: 'Tessa', familyName: 'Testilä' },
  { hetu: '010469-999W', givenName: 'Joni', firstNames: 'Joni Kristian', familyName: 'Kivi' },
  { hetu: '010675-9981', givenName: 'Anna-Liisa', firstNames: 'Anna-Liisa Milka', familyName: 'Sallinen' },
  { hetu: '261298-998X', givenName: 'Kukka-Maaria', firstNames: 'Kukka-Maaria Jennika Etel', familyName: 'Haapakoski Henriksson' },
  { hetu: '260991-999R', givenName: 'Ilmari', firstNames: 'Ilmari Folke', familyName: 'Huhtiistinen' },
];

/** A Virtu official; `entitlements` are virtuPersonEntitlement values. */
export interface TestOfficial {
  localId: string;
  homeOrganization: string;
  givenName: string;
  familyName: string;
  organizationName: string;
  entitlements: string[];
}

export const TEST_OFFICIALS: TestOfficial[] = [
  { localId: 'kaisa.kasittelija@lvv.fi', homeOrganization: 'lvv.fi', givenName: 'Kaisa', familyName: 'Käsittelijä', organizationName: 'Lupa- ja valvontavirasto', entitlements: ['lupaflow:kasittelija'] },
  { localId: 'paavo.paattaja@lvv.fi', homeOrganization: 'lvv.fi', givenName: 'Paavo', familyName: 'Päättäjä', organizationName: 'Lupa- ja valvontavirasto', entitlements: ['lupaflow:kasittelija', 'lupaflow:paattaja'] },
  { localId: 'tuomas.tarkastaja@tukes.fi', homeOrganization: 'tukes.fi', givenName: 'Tuomas', familyName: 'Tarkastaja', organizationName: 'Turvallisuus- ja kemikaalivirasto', entitlements: ['lupaflow:kasittelija'] },
  { localId: 'pirjo.paattaja@tukes.fi', homeOrganization: 'tukes.fi', givenName: 'Pirjo', familyName: 'Päättäjä', organizationName: 'Turvallisuus- ja kemikaalivirasto', entitlements: ['lupaflow:kasittelija', 'lupaflow:paattaja'] },
  { localId: 'hanna.hallinnoija@lvv.fi', homeOrganization: 'lvv.fi', givenName: 'Hanna', familyName: 'Hallinnoija', organizationName: 'Lupa- ja valvontavirasto', entitlements: ['lupaflow:palveluhallinnoija'] },
  { localId: 'harri.hallinnoija@tukes.fi', homeOrganization: 'tukes.fi', givenName: 'Harri', familyName: 'Hallinnoija', organizationName: 'Turvallisuus- ja kemikaalivirasto', entitlements: ['lupaflow:palveluhallinnoija'] },
  { localId: 'olli.operaattori@lvv.fi', homeOrganization: 'lvv.fi', givenName: 'Olli', familyName: 'Operaattori', organizationName: 'Lupa- ja valvontavirasto', entitlements: ['lupaflow:operaattori'] },
];

/** Suomi.fi authentication methods: each gives one AuthnContextClassRef (specs/saml.md §1.5). */
export const AUTH_METHODS = {
  /** A bank login: fLoA3. */
  bank: { classRef: 'http://ftn.ficora.fi/2017/loa3', label: { fi: 'Pankkitunnukset', sv: 'Bankkoder', en: 'Bank credentials' } },
  /** A fLoA2 method (default: substantial). */
  'mobile-id': { classRef: 'http://ftn.ficora.fi/2017/loa2', label: { fi: 'Mobiilivarmenne', sv: 'Mobilcertifikat', en: 'Mobile certificate' } },
  /** DVV's test identifier: substantial in the test environment only. */
  'test-id': { classRef: 'urn:oid:1.2.246.517.3002.110.999', label: { fi: 'Testitunnistaja', sv: 'Testidentifierare', en: 'Test identifier' } },
  /** Finnish Authenticator: not strong identification, LoA low. */
  authenticator: { classRef: 'urn:oid:1.2.246.517.3002.110.7', label: { fi: 'Suomi.fi-tunnistautumissovellus', sv: 'Suomi.fi-autentiseringsappen', en: 'Finnish Authenticator' } },
} as const;

export type AuthMethod = keyof typeof AUTH_METHODS;
export const DEFAULT_METHOD: AuthMethod = 'mobile-id';

/** Virtu has no LoA vocabulary of its own (specs/saml.md §2); state officials log in with a smart card. */
export const VIRTU_CLASS_REF = 'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI';
