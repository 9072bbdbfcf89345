import type { LevelOfAssurance } from '../../workflows/application/messages';
import type { IdpName } from './settings';

const TEST_IDENTIFIER = 'urn:oid:1.2.246.517.3002.110.999';

/** AuthnContextClassRef → level of assurance (specs/saml.md §1.5). */
const SUOMIFI_LOA: Record<string, LevelOfAssurance> = {
  'http://ftn.ficora.fi/2017/loa3': 'high',
  'http://eidas.europa.eu/LoA/high': 'high',
  'http://ftn.ficora.fi/2017/loa2': 'substantial',
  'http://eidas.europa.eu/LoA/substantial': 'substantial',
  // DVV's test identifier stands in for a strong method in the test environment only.
  [TEST_IDENTIFIER]: 'substantial',
  // Finnish Authenticator: not strong identification.
  'urn:oid:1.2.246.517.3002.110.7': 'low',
};

/**
 * Virtu has no LoA vocabulary of its own (§2, unconfirmed): the home organisations' IdPs send the
 * standard SAML classes, or the Finnish ones above.
 */
const VIRTU_LOA: Record<string, LevelOfAssurance> = {
  ...SUOMIFI_LOA,
  'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI': 'substantial',
  'urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard': 'substantial',
  'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport': 'low',
};

/**
 * The level of assurance a ClassRef proves, or a reason to refuse it: an unknown class, or the
 * test identifier in production.
 */
export function loaFromClassRef(idp: IdpName, classRef: string | undefined, production: boolean): { loa: LevelOfAssurance } | { refused: string } {
  if (!classRef) return { refused: 'the assertion names no authentication method (AuthnContextClassRef)' };
  if (production && classRef === TEST_IDENTIFIER) return { refused: 'the test identifier is not accepted in production' };
  const loa = (idp === 'suomifi' ? SUOMIFI_LOA : VIRTU_LOA)[classRef];
  return loa ? { loa } : { refused: `the authentication method ${classRef} is not one the service accepts` };
}
