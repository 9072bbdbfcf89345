import { randomBytes } from 'node:crypto';
import type { Language } from '../../workflows/application/messages';
import type { IdpDescriptor } from './idp-metadata';
import { signedRedirectUrl } from '../../infra/saml/redirect-binding';
import type { SamlRequestStore } from './request-store';
import type { SamlSettings } from './settings';
import { escapeXml as esc } from './xml';

/** A fresh SAML ID (xs:ID must not start with a digit). */
export const newSamlId = () => `_${randomBytes(20).toString('hex')}`;

/**
 * Starts a login: builds the AuthnRequest (with Suomi.fi's vetuma language extension, which SAML libraries
 * cannot add), remembers its ID for the InResponseTo check together with the hash of the browser's
 * login-binding nonce, and returns the signed Redirect-binding URL of the IdP's SSO endpoint.
 */
export async function createLoginRedirect(
  settings: SamlSettings,
  requests: SamlRequestStore,
  idp: IdpDescriptor,
  opts: { language: Language; returnTo: string; browserBindingHash: string },
): Promise<string> {
  const id = newSamlId();
  const relayState = randomBytes(16).toString('base64url');
  const extensions =
    idp.name === 'suomifi'
      ? `<samlp:Extensions><vetuma xmlns="urn:vetuma:SAML:2.0:extensions"><LG>${opts.language}</LG></vetuma></samlp:Extensions>`
      : '';
  const xml =
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ` +
    `ID="${id}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${esc(idp.ssoRedirectUrl)}" ` +
    `AssertionConsumerServiceURL="${esc(settings.endpoints(idp.name).acs)}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">` +
    `<saml:Issuer>${esc(settings.spEntityId)}</saml:Issuer>` +
    extensions +
    `<samlp:NameIDPolicy Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient" AllowCreate="true"/>` +
    `</samlp:AuthnRequest>`;
  await requests.remember({ id, idp: idp.name, kind: 'authn', relayState, returnTo: opts.returnTo, language: opts.language, browserBindingHash: opts.browserBindingHash });
  return signedRedirectUrl(idp.ssoRedirectUrl, 'SAMLRequest', xml, relayState, settings.spKeyPem);
}
