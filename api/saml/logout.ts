import type { Knex } from 'knex';
import { logger } from '../../infra/logger';
import type { Language } from '../../workflows/application/messages';
import type { SamlSessionRef, SessionStore } from '../session/store';
import { newSamlId } from './authn-request';
import type { IdpDescriptor } from './idp-metadata';
import { readSignedRedirect, RedirectBindingError, signedRedirectUrl } from '../../infra/saml/redirect-binding';
import { refuse } from './refusal';
import type { SamlRequestStore } from './request-store';
import type { SamlSettings } from './settings';
import { childElement, childElements, escapeXml as esc, NS, parseXml, textOf, verifyEnvelopedSignature, XmlCheckError } from './xml';

const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/**
 * Single Logout (front-channel, specs/saml.md §1.8): the SP-initiated LogoutRequest, and the
 * handling of the IdP's LogoutRequest and LogoutResponse in both bindings.
 */
export function createSingleLogout(deps: { db: Knex; settings: SamlSettings; requests: SamlRequestStore; sessions: SessionStore }) {
  const { settings, requests, sessions } = deps;

  /**
   * The signed LogoutRequest URL for a session the caller has already ended locally: NameID with
   * Format and qualifiers exactly as the assertion had them, and its SessionIndex.
   */
  async function logoutRequestUrl(idp: IdpDescriptor, ref: SamlSessionRef, language: Language): Promise<string> {
    const id = newSamlId();
    const attrs = [
      ref.nameIdFormat && `Format="${esc(ref.nameIdFormat)}"`,
      ref.nameQualifier && `NameQualifier="${esc(ref.nameQualifier)}"`,
      ref.spNameQualifier && `SPNameQualifier="${esc(ref.spNameQualifier)}"`,
    ].filter(Boolean);
    const xml =
      `<samlp:LogoutRequest xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${id}" Version="2.0" ` +
      `IssueInstant="${new Date().toISOString()}" Destination="${esc(idp.sloRedirectUrl)}">` +
      `<saml:Issuer>${esc(settings.spEntityId)}</saml:Issuer>` +
      (idp.name === 'suomifi' ? `<samlp:Extensions><vetuma xmlns="urn:vetuma:SAML:2.0:extensions"><LG>${language}</LG></vetuma></samlp:Extensions>` : '') +
      `<saml:NameID ${attrs.join(' ')}>${esc(ref.nameId)}</saml:NameID>` +
      (ref.sessionIndex ? `<samlp:SessionIndex>${esc(ref.sessionIndex)}</samlp:SessionIndex>` : '') +
      `</samlp:LogoutRequest>`;
    await requests.remember({ id, idp: idp.name, kind: 'logout', relayState: null, returnTo: '/', language, browserBindingHash: null });
    return signedRedirectUrl(idp.sloRedirectUrl, 'SAMLRequest', xml, undefined, settings.spKeyPem);
  }

  /** Reads and verifies an incoming logout message (Redirect: query signature; POST: XML signature). */
  async function readMessage(idp: IdpDescriptor, input: { rawQuery: string; body: Record<string, unknown> | undefined; method: string }) {
    if (input.method === 'GET') {
      const m = await readSignedRedirect(input.rawQuery, idp.signingCerts);
      return { xml: m.xml, relayState: m.relayState };
    }
    const encoded = input.body?.SAMLRequest ?? input.body?.SAMLResponse;
    if (typeof encoded !== 'string') throw new XmlCheckError('the request carries no SAMLRequest or SAMLResponse');
    const xml = Buffer.from(encoded, 'base64').toString('utf8');
    verifyEnvelopedSignature(xml, parseXml(xml).documentElement!, idp.signingCerts, 'logout message');
    return { xml, relayState: typeof input.body?.RelayState === 'string' ? input.body.RelayState : undefined };
  }

  /**
   * Handles what arrives at `/auth/{idp}/slo`. A LogoutRequest ends the sessions it names and is
   * answered with a signed LogoutResponse; a LogoutResponse completes an SP-initiated logout.
   * Returns where to redirect the browser.
   */
  async function handleSlo(idp: IdpDescriptor, input: { rawQuery: string; body: Record<string, unknown> | undefined; method: string }): Promise<string> {
    const fail = (reason: string) => refuse(idp.name, reason, 'logout');
    try {
      const { xml, relayState } = await readMessage(idp, input);
      const root = parseXml(xml).documentElement!;
      if (root.namespaceURI !== NS.samlp || (root.localName !== 'LogoutRequest' && root.localName !== 'LogoutResponse')) {
        throw fail('the message is neither a LogoutRequest nor a LogoutResponse');
      }
      if (textOf(childElement(root, NS.saml, 'Issuer')) !== idp.entityId) throw fail('the Issuer is not the identity provider');
      const destination = root.getAttribute('Destination');
      if (destination && destination !== settings.endpoints(idp.name).slo) throw fail("the Destination is not this service's logout URL");

      if (root.localName === 'LogoutRequest') {
        const notOnOrAfter = Date.parse(root.getAttribute('NotOnOrAfter') ?? '');
        if (!Number.isNaN(notOnOrAfter) && notOnOrAfter + settings.clockSkewSeconds * 1000 <= Date.now()) throw fail('the LogoutRequest has expired');
        const nameId = textOf(childElement(root, NS.saml, 'NameID'));
        if (!nameId) throw fail('the LogoutRequest names no NameID');
        const indexes = childElements(root, NS.samlp, 'SessionIndex').map((e) => textOf(e)).filter((v): v is string => Boolean(v));
        await sessions.endByNameId(idp.name, nameId, indexes);
        return logoutResponseUrl(idp, root.getAttribute('ID') ?? '', relayState);
      }

      const inResponseTo = root.getAttribute('InResponseTo');
      if (!inResponseTo || !(await requests.consume(deps.db, inResponseTo, idp.name, 'logout'))) {
        throw fail('the LogoutResponse answers no logout this service started');
      }
      const status = childElement(root, NS.samlp, 'Status');
      const code = status && childElement(status, NS.samlp, 'StatusCode')?.getAttribute('Value');
      // The local session is already closed; a partial logout at the IdP is only worth a log line.
      if (code !== SUCCESS) logger.warn({ event: 'saml_logout_partial', idp: idp.name, status: code ?? null });
      return '/';
    } catch (err) {
      if (err instanceof XmlCheckError || err instanceof RedirectBindingError) throw fail(err.message);
      throw err;
    }
  }

  async function logoutResponseUrl(idp: IdpDescriptor, inResponseTo: string, relayState: string | undefined): Promise<string> {
    const xml =
      `<samlp:LogoutResponse xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${newSamlId()}" Version="2.0" ` +
      `IssueInstant="${new Date().toISOString()}" Destination="${esc(idp.sloRedirectUrl)}" InResponseTo="${esc(inResponseTo)}">` +
      `<saml:Issuer>${esc(settings.spEntityId)}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="${SUCCESS}"/></samlp:Status>` +
      `</samlp:LogoutResponse>`;
    return signedRedirectUrl(idp.sloRedirectUrl, 'SAMLResponse', xml, relayState, settings.spKeyPem);
  }

  return { logoutRequestUrl, handleSlo };
}
