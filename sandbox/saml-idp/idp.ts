import type { Element } from '@xmldom/xmldom';
import express, { type Request, type Response } from 'express';
import { randomBytes } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { generateSelfSignedCertificate, type KeyAndCertificate } from '../../infra/x509';
import { logger } from '../../infra/logger';
import { autoPostPage, loggedOutPage, selectionPage } from './pages';
import type { IdpProfile } from './profiles';
import { buildResponseXml, type SamlAttribute, type Tamper } from './response';
import { readSignedRedirect, signedRedirectUrl as redirectUrl, type RedirectMessage } from '../../infra/saml/redirect-binding';
import { escapeXml, firstElement, newId, NS, parseXml, pemBody, signXml } from './saml-xml';
import { spMetadataSource, type SpDescriptor } from './sp-metadata';

type Lang = 'fi' | 'sv' | 'en';
const TRANSIENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const PENDING_TTL_MS = 10 * 60_000;

/** An AuthnRequest the IdP has received and verified, waiting for the user's choice. */
export interface PendingLogin {
  requestId: string;
  relayState?: string;
  language: Lang;
  sp: SpDescriptor;
  expiresAt: number;
}

/** A LogoutRequest or LogoutResponse the IdP received from the SP (kept so tests can inspect it). */
export interface ReceivedLogout {
  kind: 'LogoutRequest' | 'LogoutResponse';
  xml: string;
  nameId?: string;
  nameIdFormat?: string;
  nameQualifier?: string;
  spNameQualifier?: string;
  sessionIndex?: string;
  inResponseTo?: string;
}

/** The NameID an IdP-initiated logout names (qualifiers default to this IdP and the SP). */
export interface LogoutNameId {
  value: string;
  format?: string;
  nameQualifier?: string;
  spNameQualifier?: string;
}

export interface SandboxIdpOptions {
  profile: IdpProfile;
  /** Where this IdP is reachable, e.g. `http://localhost:4101`. */
  baseUrl: string;
  keys: KeyAndCertificate;
  /** A second published signing key, as Suomi.fi publishes its next certificate before a rollover. */
  nextKeys?: KeyAndCertificate;
  /** The platform's SP metadata for this IdP (`{PUBLIC_BASE_URL}/auth/{idp}/metadata`). */
  spMetadataUrl: string;
}

/**
 * One generic SAML IdP stand-in (configured as Suomi.fi-like or Virtu-like by its profile): metadata,
 * Redirect-binding SSO with a verified AuthnRequest signature, a selection page, POST-binding
 * responses, and Single Logout in both directions.
 */
export function createSandboxIdp(opts: SandboxIdpOptions) {
  const { profile, keys } = opts;
  const entityId = `${opts.baseUrl}${profile.entityPath}`;
  const url = {
    metadata: `${opts.baseUrl}/metadata`,
    sso: `${opts.baseUrl}/idp/profile/SAML2/Redirect/SSO`,
    select: `${opts.baseUrl}/idp/profile/SAML2/Redirect/SSO/select`,
    sloRedirect: `${opts.baseUrl}/idp/profile/SAML2/Redirect/SLO`,
    sloPost: `${opts.baseUrl}/idp/profile/SAML2/POST/SLO`,
  };
  const spSource = spMetadataSource(opts.spMetadataUrl);
  const pending = new Map<string, PendingLogin>();
  const received: ReceivedLogout[] = [];
  let foreignKey: KeyAndCertificate | undefined;

  const metadataXml = () =>
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<md:EntityDescriptor xmlns:md="${NS.md}" xmlns:ds="${NS.ds}" entityID="${escapeXml(entityId)}">` +
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
    [keys, ...(opts.nextKeys ? [opts.nextKeys] : [])]
      .map((k) => `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${pemBody(k.certPem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`)
      .join('') +
    `<md:SingleLogoutService Binding="${REDIRECT}" Location="${url.sloRedirect}"/>` +
    `<md:SingleLogoutService Binding="${POST}" Location="${url.sloPost}"/>` +
    `<md:NameIDFormat>${TRANSIENT}</md:NameIDFormat>` +
    `<md:SingleSignOnService Binding="${REDIRECT}" Location="${url.sso}"/>` +
    `</md:IDPSSODescriptor></md:EntityDescriptor>`;

  /** Verifies a Redirect-binding message from the SP, re-reading the SP metadata once if its key changed. */
  async function readFromSp(rawQuery: string): Promise<{ message: RedirectMessage; sp: SpDescriptor }> {
    let sp = await spSource.get();
    try {
      return { message: await readSignedRedirect(rawQuery, sp.signingCerts), sp };
    } catch {
      sp = await spSource.get(true);
      return { message: await readSignedRedirect(rawQuery, sp.signingCerts), sp };
    }
  }

  /** Receives a signed AuthnRequest (the full Redirect URL or its query) and remembers it. */
  async function receiveAuthnRequest(rawQueryOrUrl: string): Promise<PendingLogin> {
    const rawQuery = rawQueryOrUrl.includes('?') ? rawQueryOrUrl.slice(rawQueryOrUrl.indexOf('?') + 1) : rawQueryOrUrl;
    const { message, sp } = await readFromSp(rawQuery);
    const doc = parseXml(message.xml);
    const req = doc.documentElement!;
    if (req.localName !== 'AuthnRequest' || req.namespaceURI !== NS.samlp) throw new Error('not an AuthnRequest');
    if (firstElement(req, NS.saml, 'Issuer')?.textContent?.trim() !== sp.entityId) throw new Error('AuthnRequest Issuer is not the SP');
    if (req.getAttribute('Destination') !== url.sso) throw new Error('AuthnRequest Destination is not this IdP');
    const acs = req.getAttribute('AssertionConsumerServiceURL');
    if (acs && acs !== sp.acsUrl) throw new Error('AuthnRequest ACS URL is not in the SP metadata');
    const lg = firstElement(req, 'urn:vetuma:SAML:2.0:extensions', 'LG')?.textContent?.trim();
    const login: PendingLogin = {
      requestId: req.getAttribute('ID')!,
      relayState: message.relayState,
      language: lg === 'sv' || lg === 'en' ? lg : 'fi',
      sp,
      expiresAt: Date.now() + PENDING_TTL_MS,
    };
    return login;
  }

  /**
   * Builds the POST-binding Response for a pending login. Tests may add a `tamper` fault, override
   * the ClassRef or attributes, or sign with the next key; the selection form never does.
   */
  async function respond(
    login: PendingLogin,
    userId: string,
    o: { method?: string; tamper?: Tamper; classRef?: string; attributes?: SamlAttribute[]; signWithNextKey?: boolean } = {},
  ): Promise<{ acsUrl: string; SAMLResponse: string; RelayState?: string }> {
    const attributes = o.attributes ?? profile.attributesFor(userId);
    if (!attributes) throw new Error(`unknown test user ${userId}`);
    const classRef = o.classRef ?? profile.classRefFor(o.method);
    if (!classRef) throw new Error(`unknown authentication method ${o.method}`);
    if (o.tamper === 'foreign-key') foreignKey ??= generateSelfSignedCertificate('attacker');
    const signer = o.signWithNextKey && opts.nextKeys ? opts.nextKeys : keys;
    const xml = await buildResponseXml({
      idp: { entityId, keyPem: signer.keyPem, certPem: signer.certPem },
      sp: { entityId: login.sp.entityId, acsUrl: login.sp.acsUrl, encryptionCertPem: login.sp.encryptionCert },
      inResponseTo: login.requestId,
      nameId: randomBytes(24).toString('base64'),
      sessionIndex: newId(),
      classRef,
      attributes,
      tamper: o.tamper,
      foreignKey,
    });
    return { acsUrl: login.sp.acsUrl, SAMLResponse: Buffer.from(xml, 'utf8').toString('base64'), RelayState: login.relayState };
  }

  /** An IdP-initiated LogoutRequest for a NameID/SessionIndex, unsigned XML. */
  async function logoutRequestXml(nameId: LogoutNameId, sessionIndex?: string) {
    const sp = await spSource.get();
    const xml =
      `<saml2p:LogoutRequest xmlns:saml2p="${NS.samlp}" xmlns:saml2="${NS.saml}" Destination="${escapeXml(sp.sloRedirectUrl)}" ID="${newId()}" IssueInstant="${new Date().toISOString()}" Version="2.0">` +
      `<saml2:Issuer>${escapeXml(entityId)}</saml2:Issuer>` +
      `<saml2:NameID Format="${escapeXml(nameId.format ?? TRANSIENT)}" NameQualifier="${escapeXml(nameId.nameQualifier ?? entityId)}" SPNameQualifier="${escapeXml(nameId.spNameQualifier ?? sp.entityId)}">${escapeXml(nameId.value)}</saml2:NameID>` +
      (sessionIndex ? `<saml2p:SessionIndex>${escapeXml(sessionIndex)}</saml2p:SessionIndex>` : '') +
      `</saml2p:LogoutRequest>`;
    return { sp, xml };
  }

  /** An IdP-initiated LogoutRequest as a signed Redirect-binding URL to the SP's SLO endpoint. */
  async function logoutRequestUrl(nameId: LogoutNameId, sessionIndex?: string): Promise<string> {
    const { sp, xml } = await logoutRequestXml(nameId, sessionIndex);
    return redirectUrl(sp.sloRedirectUrl, 'SAMLRequest', xml, undefined, keys.keyPem);
  }

  /** The same as a POST-binding form (XML signature inside the message). */
  async function logoutRequestPost(nameId: LogoutNameId, sessionIndex?: string): Promise<{ url: string; SAMLRequest: string }> {
    const { sp, xml } = await logoutRequestXml(nameId, sessionIndex);
    const signed = signXml(xml, {
      ...keys,
      xpath: "/*[local-name(.)='LogoutRequest']",
      issuerXpath: "/*[local-name(.)='LogoutRequest']/*[local-name(.)='Issuer']",
    });
    return { url: sp.sloRedirectUrl, SAMLRequest: Buffer.from(signed, 'utf8').toString('base64') };
  }

  function recordLogout(xml: string): ReceivedLogout {
    const root = parseXml(xml).documentElement!;
    const nameIdEl = firstElement(root, NS.saml, 'NameID');
    const entry: ReceivedLogout = {
      kind: root.localName === 'LogoutRequest' ? 'LogoutRequest' : 'LogoutResponse',
      xml,
      nameId: nameIdEl?.textContent?.trim(),
      nameIdFormat: nameIdEl?.getAttribute('Format') ?? undefined,
      nameQualifier: nameIdEl?.getAttribute('NameQualifier') ?? undefined,
      spNameQualifier: nameIdEl?.getAttribute('SPNameQualifier') ?? undefined,
      sessionIndex: firstElement(root, NS.samlp, 'SessionIndex')?.textContent?.trim(),
      inResponseTo: root.getAttribute('InResponseTo') ?? undefined,
    };
    received.push(entry);
    return entry;
  }

  /** Answers a LogoutRequest from the SP with a signed LogoutResponse (Redirect binding). */
  async function answerLogout(entry: ReceivedLogout, root: { id: string }, relayState: string | undefined, res: Response) {
    const sp = await spSource.get();
    const xml =
      `<saml2p:LogoutResponse xmlns:saml2p="${NS.samlp}" xmlns:saml2="${NS.saml}" Destination="${escapeXml(sp.sloRedirectUrl)}" ID="${newId()}" InResponseTo="${escapeXml(root.id)}" IssueInstant="${new Date().toISOString()}" Version="2.0">` +
      `<saml2:Issuer>${escapeXml(entityId)}</saml2:Issuer>` +
      `<saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status>` +
      `</saml2p:LogoutResponse>`;
    res.redirect(302, await redirectUrl(sp.sloRedirectUrl, 'SAMLResponse', xml, relayState, keys.keyPem));
  }

  const router = express.Router();
  router.use(express.urlencoded({ extended: false, limit: '256kb' }));
  router.get('/metadata', (_req, res) => {
    res.type('application/samlmetadata+xml').send(metadataXml());
  });

  router.get('/idp/profile/SAML2/Redirect/SSO', async (req, res) => {
    try {
      const login = await receiveAuthnRequest(rawQueryOf(req));
      const ticket = randomBytes(18).toString('base64url');
      pending.set(ticket, login);
      res.type('html').send(selectionPage(profile, login.language, ticket, url.select));
    } catch (err) {
      logger.warn({ event: 'sandbox_idp_authn_request_refused', idp: profile.name, reason: (err as Error).message });
      res.status(400).type('text').send(`AuthnRequest refused: ${(err as Error).message}`);
    }
  });

  router.post('/idp/profile/SAML2/Redirect/SSO/select', async (req, res) => {
    const ticket = String(req.body?.ticket ?? '');
    const login = pending.get(ticket);
    pending.delete(ticket);
    if (!login || login.expiresAt < Date.now()) {
      res.status(400).type('text').send('The login has expired or was already used. Start again from the service.');
      return;
    }
    try {
      const method = typeof req.body.method === 'string' && req.body.method ? req.body.method : undefined;
      const out = await respond(login, String(req.body.user ?? ''), { method });
      res.type('html').send(autoPostPage(login.language, out.acsUrl, { SAMLResponse: out.SAMLResponse, RelayState: out.RelayState }));
    } catch (err) {
      res.status(400).type('text').send((err as Error).message);
    }
  });

  router.get('/idp/profile/SAML2/Redirect/SLO', async (req, res) => {
    try {
      const { message } = await readFromSp(rawQueryOf(req));
      const entry = recordLogout(message.xml);
      if (entry.kind === 'LogoutRequest') {
        await answerLogout(entry, { id: parseXml(message.xml).documentElement!.getAttribute('ID')! }, message.relayState, res);
      } else {
        res.type('html').send(loggedOutPage('fi'));
      }
    } catch (err) {
      res.status(400).type('text').send(`Logout message refused: ${(err as Error).message}`);
    }
  });

  router.post('/idp/profile/SAML2/POST/SLO', async (req, res) => {
    try {
      const encoded = req.body?.SAMLRequest ?? req.body?.SAMLResponse;
      if (typeof encoded !== 'string') throw new Error('no SAMLRequest or SAMLResponse');
      const xml = Buffer.from(encoded, 'base64').toString('utf8');
      const sp = await spSource.get();
      verifyPostSignature(xml, sp.signingCerts);
      const entry = recordLogout(xml);
      if (entry.kind === 'LogoutRequest') {
        await answerLogout(entry, { id: parseXml(xml).documentElement!.getAttribute('ID')! }, req.body.RelayState, res);
      } else {
        res.type('html').send(loggedOutPage('fi'));
      }
    } catch (err) {
      res.status(400).type('text').send(`Logout message refused: ${(err as Error).message}`);
    }
  });

  return {
    entityId,
    baseUrl: opts.baseUrl,
    url,
    router,
    metadataXml,
    receiveAuthnRequest,
    respond,
    logoutRequestUrl,
    logoutRequestPost,
    /** Logout messages received from the SP, oldest first. */
    receivedLogouts: received as readonly ReceivedLogout[],
  };
}

export type SandboxIdp = ReturnType<typeof createSandboxIdp>;

/** The raw (still percent-encoded) query string: Redirect signatures are computed over it. */
function rawQueryOf(req: Request): string {
  const i = req.originalUrl.indexOf('?');
  return i < 0 ? '' : req.originalUrl.slice(i + 1);
}

/** Verifies the enveloped XML signature of a POST-binding message from the SP. */
function verifyPostSignature(xml: string, certs: string[]): void {
  const root = parseXml(xml).documentElement!;
  const signature = Array.from(root.childNodes).find((n) => n.nodeType === 1 && (n as unknown as Element).localName === 'Signature');
  if (!signature) throw new Error('the message is not signed');
  const ok = certs.some((cert) => {
    const sig = new SignedXml({ publicCert: cert, getCertFromKeyInfo: () => null });
    sig.loadSignature(signature.toString());
    try {
      return sig.checkSignature(xml) && sig.getReferences()[0]?.uri === `#${root.getAttribute('ID')}`;
    } catch {
      return false;
    }
  });
  if (!ok) throw new Error('the message signature does not verify with the SP certificate');
}
