import { escapeXml, encryptXml, newId, NS, signXml } from './saml-xml';

/** One SAML attribute as Suomi.fi and Virtu send them (URI names, with a FriendlyName). */
export interface SamlAttribute {
  name: string;
  friendlyName?: string;
  values: string[];
}

/**
 * Faults the tests can ask for, one at a time (fixed triggers: the selection form never produces
 * them). Each one models an attack or a misconfiguration the platform must refuse.
 */
export const TAMPERS = [
  'unsigned', // neither Response nor Assertion signed
  'unsigned-assertion', // only the Response signed
  'foreign-key', // signed by a key the platform does not trust
  'xsw-extra-assertion', // a forged plain Assertion beside the signed, encrypted one
  'xsw-wrapped-assertion', // the signed assertion moved under Extensions, a forged one in its place
  'xsw-reference-elsewhere', // a valid Response signature whose Reference points to another element
  'expired', // issued 10 minutes ago: every NotOnOrAfter has passed
  'scd-expired', // only the bearer SubjectConfirmationData NotOnOrAfter has passed; Conditions still valid
  'not-yet-valid', // only the Conditions NotBefore lies ahead (10 minutes, past any allowed clock skew)
  'wrong-audience',
  'no-audience',
  'wrong-destination',
  'wrong-recipient',
  'wrong-issuer', // both the Response's and the Assertion's Issuer
  'assertion-wrong-issuer', // only the Assertion's Issuer; the Response's is right
  'unsolicited', // no InResponseTo
  'unknown-in-response-to', // both the Response's and the SubjectConfirmationData's InResponseTo
  'scd-in-response-to-mismatch', // only the SubjectConfirmationData's InResponseTo differs from the Response's
  'unencrypted',
  'cbc', // AES-256-CBC data encryption
  'rsa-1_5', // RSA PKCS#1 v1.5 key transport
] as const;
export type Tamper = (typeof TAMPERS)[number];

export interface ResponseInput {
  idp: { entityId: string; keyPem: string; certPem: string };
  sp: { entityId: string; acsUrl: string; encryptionCertPem: string };
  inResponseTo: string;
  nameId: string;
  sessionIndex: string;
  classRef: string;
  attributes: SamlAttribute[];
  tamper?: Tamper;
  /** Used by the `foreign-key` fault. */
  foreignKey?: { keyPem: string; certPem: string };
}

const FIVE_MINUTES = 5 * 60_000;
const EVIL = 'https://attacker.example';
const AES256_GCM = 'http://www.w3.org/2009/xmlenc11#aes256-gcm';
const AES256_CBC = 'http://www.w3.org/2001/04/xmlenc#aes256-cbc';
const RSA_OAEP_MGF1P = 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p';
const RSA_1_5 = 'http://www.w3.org/2001/04/xmlenc#rsa-1_5';

/**
 * Builds a Suomi.fi-shaped Response (specs/saml.md §1.7): transient NameID with qualifiers, bearer
 * confirmation, 5-minute windows, signed Assertion encrypted with AES-GCM / RSA-OAEP-MGF1P, signed
 * Response. Returns the XML; the POST binding base64-encodes it.
 */
export async function buildResponseXml(input: ResponseInput): Promise<string> {
  const { tamper } = input;
  const now = new Date(Date.now() - (tamper === 'expired' ? 2 * FIVE_MINUTES : 0));
  const signer = tamper === 'foreign-key' && input.foreignKey ? input.foreignKey : input.idp;
  const issuer = tamper === 'wrong-issuer' ? `${EVIL}/idp1` : input.idp.entityId;
  const inResponseTo = tamper === 'unsolicited' ? undefined : tamper === 'unknown-in-response-to' ? newId() : input.inResponseTo;

  const assertion = assertionXml(input, {
    now,
    issuer: tamper === 'assertion-wrong-issuer' ? `${EVIL}/idp1` : issuer,
    inResponseTo: tamper === 'scd-in-response-to-mismatch' ? newId() : inResponseTo,
    nameId: input.nameId,
    attributes: input.attributes,
  });
  const signedAssertion = tamper === 'unsigned' || tamper === 'unsigned-assertion' ? assertion : signAssertion(assertion, signer);

  let assertionPart: string;
  if (tamper === 'unencrypted') {
    assertionPart = signedAssertion;
  } else {
    const data = tamper === 'cbc' ? AES256_CBC : AES256_GCM;
    const key = tamper === 'rsa-1_5' ? RSA_1_5 : RSA_OAEP_MGF1P;
    assertionPart = await encryptedAssertion(signedAssertion, input.sp.encryptionCertPem, data, key);
  }
  if (tamper === 'xsw-extra-assertion') {
    assertionPart += assertionXml(input, { now, issuer, inResponseTo, nameId: newId(), attributes: forged(input.attributes) });
  }
  if (tamper === 'xsw-wrapped-assertion') {
    const forgedAssertion = assertionXml(input, { now, issuer, inResponseTo, nameId: newId(), attributes: forged(input.attributes) });
    const forgedPart = await encryptedAssertion(forgedAssertion, input.sp.encryptionCertPem, AES256_GCM, RSA_OAEP_MGF1P);
    assertionPart = `<saml2p:Extensions>${assertionPart}</saml2p:Extensions>${forgedPart}`;
  }

  const destination = tamper === 'wrong-destination' ? `${EVIL}/auth/acs` : input.sp.acsUrl;
  const response =
    `<saml2p:Response xmlns:saml2p="${NS.samlp}" Destination="${escapeXml(destination)}" ID="${newId()}"` +
    (inResponseTo ? ` InResponseTo="${inResponseTo}"` : '') +
    ` IssueInstant="${now.toISOString()}" Version="2.0">` +
    `<saml2:Issuer xmlns:saml2="${NS.saml}">${escapeXml(issuer)}</saml2:Issuer>` +
    `<saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status>` +
    assertionPart +
    `</saml2p:Response>`;
  if (tamper === 'unsigned') return response;
  return signXml(response, {
    ...signer,
    xpath: "/*[local-name(.)='Response']",
    issuerXpath: "/*[local-name(.)='Response']/*[local-name(.)='Issuer']",
    referenceXpath: tamper === 'xsw-reference-elsewhere' ? "/*[local-name(.)='Response']/*[local-name(.)='Status']" : undefined,
  });
}

function assertionXml(
  input: ResponseInput,
  v: { now: Date; issuer: string; inResponseTo?: string; nameId: string; attributes: SamlAttribute[] },
): string {
  const { tamper, sp, idp } = input;
  const notOnOrAfter = new Date(v.now.getTime() + FIVE_MINUTES).toISOString();
  // 10 minutes ago: past even the largest clock skew the platform allows (5 minutes).
  const confirmationNotOnOrAfter = tamper === 'scd-expired' ? new Date(v.now.getTime() - 2 * FIVE_MINUTES).toISOString() : notOnOrAfter;
  const conditionsNotBefore = new Date(v.now.getTime() + (tamper === 'not-yet-valid' ? 2 * FIVE_MINUTES : 0)).toISOString();
  const recipient = tamper === 'wrong-recipient' ? `${EVIL}/auth/acs` : sp.acsUrl;
  const audience = tamper === 'wrong-audience' ? `${EVIL}/sp` : sp.entityId;
  const attributes = v.attributes
    .map(
      (a) =>
        `<saml2:Attribute${a.friendlyName ? ` FriendlyName="${escapeXml(a.friendlyName)}"` : ''} Name="${escapeXml(a.name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">` +
        a.values.map((value) => `<saml2:AttributeValue xsi:type="xsd:string">${escapeXml(value)}</saml2:AttributeValue>`).join('') +
        `</saml2:Attribute>`,
    )
    .join('');
  return (
    `<saml2:Assertion xmlns:saml2="${NS.saml}" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${newId()}" IssueInstant="${v.now.toISOString()}" Version="2.0">` +
    `<saml2:Issuer>${escapeXml(v.issuer)}</saml2:Issuer>` +
    `<saml2:Subject>` +
    `<saml2:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient" NameQualifier="${escapeXml(idp.entityId)}" SPNameQualifier="${escapeXml(sp.entityId)}">${escapeXml(v.nameId)}</saml2:NameID>` +
    `<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml2:SubjectConfirmationData${v.inResponseTo ? ` InResponseTo="${v.inResponseTo}"` : ''} NotOnOrAfter="${confirmationNotOnOrAfter}" Recipient="${escapeXml(recipient)}"/>` +
    `</saml2:SubjectConfirmation></saml2:Subject>` +
    `<saml2:Conditions NotBefore="${conditionsNotBefore}" NotOnOrAfter="${notOnOrAfter}">` +
    (tamper === 'no-audience' ? '' : `<saml2:AudienceRestriction><saml2:Audience>${escapeXml(audience)}</saml2:Audience></saml2:AudienceRestriction>`) +
    `</saml2:Conditions>` +
    `<saml2:AuthnStatement AuthnInstant="${v.now.toISOString()}" SessionIndex="${escapeXml(input.sessionIndex)}">` +
    `<saml2:AuthnContext><saml2:AuthnContextClassRef>${escapeXml(input.classRef)}</saml2:AuthnContextClassRef></saml2:AuthnContext>` +
    `</saml2:AuthnStatement>` +
    (attributes ? `<saml2:AttributeStatement>${attributes}</saml2:AttributeStatement>` : '') +
    `</saml2:Assertion>`
  );
}

function signAssertion(xml: string, key: { keyPem: string; certPem: string }): string {
  return signXml(xml, {
    ...key,
    xpath: "/*[local-name(.)='Assertion']",
    issuerXpath: "/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']",
  });
}

async function encryptedAssertion(xml: string, certPem: string, data: string, key: string): Promise<string> {
  const encrypted = await encryptXml(xml, certPem, data, key);
  return `<saml2:EncryptedAssertion xmlns:saml2="${NS.saml}">${encrypted}</saml2:EncryptedAssertion>`;
}

/** The attacker's substitute identity: same attribute names, other values. */
function forged(attributes: SamlAttribute[]): SamlAttribute[] {
  return attributes.map((a) => (a.name === 'urn:oid:1.2.246.21' ? { ...a, values: ['010469-999W'] } : a));
}
