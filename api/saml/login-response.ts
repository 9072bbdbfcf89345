import type { Document, Element } from '@xmldom/xmldom';
import * as xmlenc from 'xml-encryption';
import type { IdpDescriptor } from './idp-metadata';
import { refuse } from './refusal';
import type { OutstandingRequest, SamlRequestStore } from './request-store';
import type { SamlSettings } from './settings';
import { childElement, childElements, NS, parseXml, textOf, verifyEnvelopedSignature, XmlCheckError } from './xml';

const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const MAX_RESPONSE_BYTES = 512 * 1024;
/** Only authenticated encryption for the assertion, and OAEP key transport (no CBC, no RSA1_5). */
const DATA_ALGORITHMS = new Set(['http://www.w3.org/2009/xmlenc11#aes128-gcm', 'http://www.w3.org/2009/xmlenc11#aes192-gcm', 'http://www.w3.org/2009/xmlenc11#aes256-gcm']);
const KEY_ALGORITHMS = new Set(['http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p']);

/** A login response that passed every check; what the session is built from. */
export interface VerifiedLogin {
  request: OutstandingRequest;
  assertionId: string;
  assertionNotOnOrAfter: Date;
  nameId: string;
  nameIdFormat: string | null;
  nameQualifier: string | null;
  spNameQualifier: string | null;
  sessionIndex: string | null;
  classRef: string | undefined;
  /** Attribute Name (URI) → values, read from the signed assertion. */
  attributes: Record<string, string[]>;
}

/**
 * Verifies a POST-binding login Response (specs/saml.md §3.3 and §4): the Response signature and its
 * Reference, Destination, Issuers, exactly one encrypted assertion with GCM/OAEP, decrypted with
 * xml-encryption and its signature checked with xml-crypto, bearer SubjectConfirmation (Recipient,
 * NotOnOrAfter, InResponseTo), Conditions (time window, Audience), replay, and an InResponseTo that
 * answers an outstanding request of this SP to this IdP. Every value is read from the signed
 * assertion. (saml2-js used to verify and decrypt the same assertion a second time: nearly half of a
 * login's CPU for checks this code already makes; see the login-cost bench.)
 * Consuming the request and the assertion id happens with the session write (see auth-module).
 */
export function createLoginResponseVerifier(settings: SamlSettings, requests: SamlRequestStore) {
  const skewMs = settings.clockSkewSeconds * 1000;

  return async function verifyLoginResponse(idp: IdpDescriptor, body: Record<string, unknown>): Promise<VerifiedLogin> {
    const fail = (reason: string) => refuse(idp.name, reason);
    const acs = settings.endpoints(idp.name).acs;
    if (typeof body.SAMLResponse !== 'string' || body.SAMLResponse.length === 0) throw fail('the request carries no SAMLResponse');
    if (body.SAMLResponse.length > MAX_RESPONSE_BYTES) throw fail('the SAMLResponse is too large');
    const xml = Buffer.from(body.SAMLResponse, 'base64').toString('utf8');

    try {
      const doc = parseXml(xml);
      const response = doc.documentElement!;
      if (response.namespaceURI !== NS.samlp || response.localName !== 'Response') throw fail('the message is not a SAML Response');
      if (response.getAttribute('Version') !== '2.0') throw fail('the response is not SAML 2.0');
      checkAssertionShape(doc, response, fail);
      if (textOf(childElement(response, NS.saml, 'Issuer')) !== idp.entityId) throw fail('the response Issuer is not the identity provider');
      if (response.getAttribute('Destination') !== acs) throw fail("the response Destination is not this service's assertion consumer URL");
      const inResponseTo = response.getAttribute('InResponseTo');
      if (!inResponseTo) throw fail('the response is unsolicited (no InResponseTo); logins must start from this service');

      verifyEnvelopedSignature(xml, response, idp.signingCerts, 'response');
      const status = childElement(response, NS.samlp, 'Status');
      const statusCode = status && childElement(status, NS.samlp, 'StatusCode')?.getAttribute('Value');
      if (statusCode !== SUCCESS) throw fail(`the identity provider reports the login did not succeed (${statusCode ?? 'no status'})`);
      checkEncryptionAlgorithms(childElements(response, NS.saml, 'EncryptedAssertion')[0], fail);

      const assertionXml = await decryptAssertion(childElements(response, NS.saml, 'EncryptedAssertion')[0].toString(), settings);
      const assertionRoot = parseXml(assertionXml).documentElement!;
      if (assertionRoot.namespaceURI !== NS.saml || assertionRoot.localName !== 'Assertion') throw fail('the encrypted content is not an Assertion');
      // Everything below is read from the signed bytes only.
      const assertion = parseXml(verifyEnvelopedSignature(assertionXml, assertionRoot, idp.signingCerts, 'assertion')).documentElement!;

      const assertionId = assertion.getAttribute('ID')!;
      if (textOf(childElement(assertion, NS.saml, 'Issuer')) !== idp.entityId) throw fail('the assertion Issuer is not the identity provider');
      const subject = childElement(assertion, NS.saml, 'Subject');
      const nameIdEl = subject && childElement(subject, NS.saml, 'NameID');
      const nameId = textOf(nameIdEl);
      if (!subject || !nameIdEl || !nameId) throw fail('the assertion has no NameID');
      const notOnOrAfter = checkBearer(subject, { acs, inResponseTo, skewMs }, fail);
      checkConditions(assertion, settings.spEntityId, skewMs, fail);
      const authn = childElement(assertion, NS.saml, 'AuthnStatement');
      const context = authn && childElement(authn, NS.saml, 'AuthnContext');
      const classRef = textOf(context && childElement(context, NS.saml, 'AuthnContextClassRef'));

      if (await requests.seenAssertion(assertionId)) throw fail('this assertion has already been used (replay)');
      const request = await requests.findOutstanding(inResponseTo, idp.name, 'authn');
      if (!request) throw fail('the response answers no login this service started (InResponseTo unknown, expired or already used)');
      if ((body.RelayState ?? null) !== request.relayState) throw fail('the RelayState does not match the login request');

      return {
        request,
        assertionId,
        assertionNotOnOrAfter: notOnOrAfter,
        nameId,
        nameIdFormat: nameIdEl.getAttribute('Format'),
        nameQualifier: nameIdEl.getAttribute('NameQualifier'),
        spNameQualifier: nameIdEl.getAttribute('SPNameQualifier'),
        sessionIndex: authn?.getAttribute('SessionIndex') || null,
        classRef,
        attributes: readAttributes(assertion, fail),
      };
    } catch (err) {
      if (err instanceof XmlCheckError) throw fail(err.message);
      throw err;
    }
  };
}

/** Exactly one EncryptedAssertion, directly under the Response, and no plain Assertion anywhere. */
function checkAssertionShape(doc: Document, response: Element, fail: (r: string) => Error): void {
  const plain = doc.getElementsByTagNameNS(NS.saml, 'Assertion').length;
  const encrypted = doc.getElementsByTagNameNS(NS.saml, 'EncryptedAssertion').length;
  if (plain === 1 && encrypted === 0) throw fail('the assertion was not encrypted');
  if (plain !== 0 || encrypted !== 1) {
    throw fail(`the response must hold exactly one encrypted assertion (found ${encrypted} encrypted and ${plain} plain)`);
  }
  if (childElements(response, NS.saml, 'EncryptedAssertion').length !== 1) throw fail('the encrypted assertion is not where the Response keeps it');
}

function checkEncryptionAlgorithms(encrypted: Element, fail: (r: string) => Error): void {
  const data = encrypted.getElementsByTagNameNS(NS.xenc, 'EncryptedData')[0];
  const dataAlg = data && childElement(data, NS.xenc, 'EncryptionMethod')?.getAttribute('Algorithm');
  if (!dataAlg || !DATA_ALGORITHMS.has(dataAlg)) throw fail(`the assertion is encrypted with ${dataAlg ?? 'no algorithm'}; only AES-GCM is accepted`);
  const keys = Array.from(encrypted.getElementsByTagNameNS(NS.xenc, 'EncryptedKey'));
  if (keys.length === 0) throw fail('the encrypted assertion carries no EncryptedKey');
  for (const key of keys) {
    const keyAlg = childElement(key, NS.xenc, 'EncryptionMethod')?.getAttribute('Algorithm');
    if (!keyAlg || !KEY_ALGORITHMS.has(keyAlg)) throw fail(`the assertion key is transported with ${keyAlg ?? 'no algorithm'}; only RSA-OAEP is accepted`);
  }
}

/** Bearer SubjectConfirmationData: Recipient = ACS, unexpired, InResponseTo = the response's. */
function checkBearer(subject: Element, want: { acs: string; inResponseTo: string; skewMs: number }, fail: (r: string) => Error): Date {
  const bearer = childElements(subject, NS.saml, 'SubjectConfirmation').filter((sc) => sc.getAttribute('Method') === BEARER);
  if (bearer.length !== 1) throw fail('the assertion has no single bearer SubjectConfirmation');
  const data = childElement(bearer[0], NS.saml, 'SubjectConfirmationData');
  if (!data) throw fail('the bearer SubjectConfirmation has no SubjectConfirmationData');
  if (data.getAttribute('Recipient') !== want.acs) throw fail("the SubjectConfirmation Recipient is not this service's assertion consumer URL");
  if (data.getAttribute('InResponseTo') !== want.inResponseTo) throw fail('the SubjectConfirmation InResponseTo does not match the response');
  const notOnOrAfter = Date.parse(data.getAttribute('NotOnOrAfter') ?? '');
  if (Number.isNaN(notOnOrAfter)) throw fail('the SubjectConfirmation has no NotOnOrAfter');
  if (notOnOrAfter + want.skewMs <= Date.now()) throw fail('the assertion has expired (SubjectConfirmation NotOnOrAfter has passed)');
  const notBefore = Date.parse(data.getAttribute('NotBefore') ?? '');
  if (!Number.isNaN(notBefore) && notBefore - want.skewMs > Date.now()) throw fail('the assertion is not valid yet (check the clocks)');
  return new Date(notOnOrAfter);
}

/** Conditions: a window that includes now (with skew), and an AudienceRestriction naming this SP. */
function checkConditions(assertion: Element, spEntityId: string, skewMs: number, fail: (r: string) => Error): void {
  const conditions = childElement(assertion, NS.saml, 'Conditions');
  if (!conditions) throw fail('the assertion has no Conditions');
  const notOnOrAfter = Date.parse(conditions.getAttribute('NotOnOrAfter') ?? '');
  if (!Number.isNaN(notOnOrAfter) && notOnOrAfter + skewMs <= Date.now()) throw fail('the assertion has expired (Conditions NotOnOrAfter has passed)');
  const notBefore = Date.parse(conditions.getAttribute('NotBefore') ?? '');
  if (!Number.isNaN(notBefore) && notBefore - skewMs > Date.now()) throw fail('the assertion is not valid yet (check the clocks)');
  const restrictions = childElements(conditions, NS.saml, 'AudienceRestriction');
  if (restrictions.length === 0) throw fail('the assertion has no AudienceRestriction');
  // Each AudienceRestriction must be satisfied on its own (SAML core §2.5.1.4).
  for (const r of restrictions) {
    if (!childElements(r, NS.saml, 'Audience').some((a) => textOf(a) === spEntityId)) throw fail('the assertion is meant for another service (Audience)');
  }
}

/** Attribute Name (URI) → values, from the one AttributeStatement of the signed assertion (none: no attributes). */
function readAttributes(assertion: Element, fail: (r: string) => Error): Record<string, string[]> {
  const statement = childElement(assertion, NS.saml, 'AttributeStatement');
  const attributes: Record<string, string[]> = {};
  if (!statement) return attributes;
  for (const attribute of childElements(statement, NS.saml, 'Attribute')) {
    const name = attribute.getAttribute('Name');
    if (!name) throw fail('the assertion has an attribute without a Name');
    attributes[name] = childElements(attribute, NS.saml, 'AttributeValue').map((v) => v.textContent ?? '');
  }
  return attributes;
}

/** Decrypts with the current SP key, then the previous one (key rollover); insecure algorithms refused. */
async function decryptAssertion(encryptedAssertionXml: string, settings: SamlSettings): Promise<string> {
  const keys = [settings.spKeyPem, ...(settings.spOldKeyPem ? [settings.spOldKeyPem] : [])];
  for (const key of keys) {
    const result = await new Promise<string | undefined>((resolve) =>
      xmlenc.decrypt(encryptedAssertionXml, { key, disallowDecryptionWithInsecureAlgorithm: true, warnInsecureAlgorithm: false }, (err, out) =>
        resolve(err ? undefined : out),
      ),
    );
    if (result) return result;
  }
  throw new XmlCheckError("the assertion could not be decrypted with this service's key");
}
