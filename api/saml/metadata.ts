import type { IdpName, SamlSettings } from './settings';
import { escapeXml as esc, pemBody } from './xml';

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const URI = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';

/** LoA values the platform accepts from Suomi.fi (FinnishAuthMethod, specs/saml.md §1.5). */
const FINNISH_AUTH_METHODS = (production: boolean) => [
  'http://ftn.ficora.fi/2017/loa3',
  'http://eidas.europa.eu/LoA/high',
  'http://ftn.ficora.fi/2017/loa2',
  'http://eidas.europa.eu/LoA/substantial',
  'urn:oid:1.2.246.517.3002.110.7',
  ...(production ? [] : ['urn:oid:1.2.246.517.3002.110.999']),
];

/** Requested attributes per IdP: Suomi.fi limited scope (§1.6) and Virtu's required ones (§2). */
const REQUESTED: Record<IdpName, [string, string, boolean][]> = {
  suomifi: [
    ['urn:oid:1.2.246.21', 'nationalIdentificationNumber', true],
    ['urn:oid:2.5.4.3', 'cn', false],
    ['urn:oid:2.16.840.1.113730.3.1.241', 'displayName', false],
    ['urn:oid:2.5.4.42', 'givenName', false],
    ['urn:oid:2.5.4.4', 'sn', false],
    ['http://eidas.europa.eu/attributes/naturalperson/CurrentGivenName', 'FirstName', false],
  ],
  virtu: [
    ['urn:oid:1.3.6.1.4.1.31350.1.8', 'virtuLocalID', true],
    ['urn:oid:1.3.6.1.4.1.31350.1.5', 'virtuHomeOrganization', true],
    ['urn:oid:1.3.6.1.4.1.31350.1.4', 'virtuPersonEntitlement', false],
    ['urn:oid:2.5.4.3', 'cn', true],
    ['urn:oid:2.5.4.42', 'givenName', true],
    ['urn:oid:2.5.4.4', 'sn', true],
    ['urn:oid:0.9.2342.19200300.100.1.3', 'mail', false],
  ],
};

const NAMES = { fi: 'Luvat ja valvonta', sv: 'Tillstånd och tillsyn', en: 'Permits and Supervision' };
const DESCRIPTIONS = {
  fi: 'Lupien ja ilmoitusten sähköinen asiointi',
  sv: 'Elektronisk ärendehantering för tillstånd och anmälningar',
  en: 'Online service for permits and notifications',
};

function keyDescriptor(use: 'signing' | 'encryption', certPem: string): string {
  return `<md:KeyDescriptor use="${use}"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${pemBody(certPem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>${
    use === 'encryption'
      ? '<md:EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/><md:EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes128-gcm"/><md:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"/>'
      : ''
  }</md:KeyDescriptor>`;
}

function entityAttribute(name: string, friendly: string, values: string[]): string {
  return `<saml:Attribute Name="${esc(name)}" FriendlyName="${esc(friendly)}" NameFormat="${URI}">${values
    .map((v) => `<saml:AttributeValue>${esc(v)}</saml:AttributeValue>`)
    .join('')}</saml:Attribute>`;
}

/**
 * The SP metadata to register with Suomi.fi (KS template, specs/saml.md §1.4) or Virtu: entity
 * attributes, signing + encryption keys, ACS (POST), SLO (Redirect + POST), transient NameID,
 * requested attributes, mdui names in three languages, organisation and technical contact.
 */
export function buildSpMetadata(settings: SamlSettings, idp: IdpName): string {
  const ep = settings.endpoints(idp);
  const certs = [settings.spCertPem, ...(settings.spNextCertPem ? [settings.spNextCertPem] : [])];
  const lang = (obj: Record<string, string>, tag: string) =>
    Object.entries(obj).map(([l, v]) => `<${tag} xml:lang="${l}">${esc(v)}</${tag}>`).join('');
  const entityAttributes =
    idp === 'suomifi'
      ? `<md:Extensions><mdattr:EntityAttributes>` +
        entityAttribute('FinnishAuthMethod', 'FinnishAuthMethod', FINNISH_AUTH_METHODS(settings.production)) +
        entityAttribute('urn:oid:1.2.246.517.3003.111.3', 'VtjVerificationRequired', ['true']) +
        entityAttribute('urn:oid:1.2.246.517.3003.111.4', 'SkipEndpointValidationWhenSigned', ['false']) +
        entityAttribute('urn:oid:1.2.246.517.3003.111.14', 'EidasSupport', ['none']) +
        entityAttribute('urn:oid:1.2.246.517.3003.111.26', 'CipherName', ['AES-GCM']) +
        `</mdattr:EntityAttributes></md:Extensions>`
      : '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ` +
    `xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:mdattr="urn:oasis:names:tc:SAML:metadata:attribute" ` +
    `xmlns:mdui="urn:oasis:names:tc:SAML:metadata:ui" entityID="${esc(settings.spEntityId)}">` +
    entityAttributes +
    `<md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    `<md:Extensions><mdui:UIInfo>${lang(NAMES, 'mdui:DisplayName')}${lang(DESCRIPTIONS, 'mdui:Description')}</mdui:UIInfo></md:Extensions>` +
    certs.map((c) => keyDescriptor('signing', c)).join('') +
    certs.map((c) => keyDescriptor('encryption', c)).join('') +
    `<md:SingleLogoutService Binding="${REDIRECT}" Location="${esc(ep.slo)}"/>` +
    `<md:SingleLogoutService Binding="${POST}" Location="${esc(ep.slo)}"/>` +
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>` +
    `<md:AssertionConsumerService Binding="${POST}" Location="${esc(ep.acs)}" index="1" isDefault="true"/>` +
    `<md:AttributeConsumingService index="1" isDefault="true">${lang(NAMES, 'md:ServiceName')}` +
    REQUESTED[idp]
      .map(([name, friendly, required]) => `<md:RequestedAttribute Name="${name}" FriendlyName="${friendly}" NameFormat="${URI}" isRequired="${required}"/>`)
      .join('') +
    `</md:AttributeConsumingService></md:SPSSODescriptor>` +
    `<md:Organization>${lang({ fi: settings.organization.name, sv: settings.organization.name, en: settings.organization.name }, 'md:OrganizationName')}` +
    `${lang(NAMES, 'md:OrganizationDisplayName')}${lang({ fi: settings.organization.url, sv: settings.organization.url, en: settings.organization.url }, 'md:OrganizationURL')}</md:Organization>` +
    `<md:ContactPerson contactType="technical"><md:Company>${esc(settings.organization.name)}</md:Company>` +
    `<md:EmailAddress>mailto:${esc(settings.organization.contactEmail)}</md:EmailAddress></md:ContactPerson>` +
    `</md:EntityDescriptor>`
  );
}
