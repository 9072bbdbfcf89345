import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Knex } from 'knex';
import type { CoreConfig } from '../../infra/config/core';
import { AppError } from '../../infra/errors';
import { logger } from '../../infra/logger';
import type { PiiCrypto } from '../../infra/pii';
import type { Language } from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import { createLoginRedirect } from '../saml/authn-request';
import { applicantFromSuomifi, officialFromVirtu } from '../saml/identity';
import { createIdpDirectory } from '../saml/idp-metadata';
import { matchesLoginBinding, newLoginBinding } from '../saml/login-binding';
import { createLoginResponseVerifier } from '../saml/login-response';
import { loaFromClassRef } from '../saml/loa';
import { createSingleLogout } from '../saml/logout';
import { buildSpMetadata } from '../saml/metadata';
import { refuse } from '../saml/refusal';
import { createSamlRequestStore } from '../saml/request-store';
import { safeReturnTo } from '../saml/return-to';
import { IDP_NAMES, loadSamlSettings, type IdpName, type SamlSettings } from '../saml/settings';
import { clearLoginCookie, clearSessionCookie, LOGIN_COOKIE, readCookie, readSessionCookie, setLoginCookie, setSessionCookie } from './cookie';
import { requireFormCsrf } from '../pages/framework/csrf';
import { requireCsrf, requireSession } from './guards';
import { createSessionStore } from './store';

export interface AuthModuleDeps {
  config: Pick<CoreConfig, 'LUPAFLOW_ENV' | 'PUBLIC_BASE_URL'>;
  db: Knex;
  pii: PiiCrypto;
  /** Where the SAML_* variables are read from; default process.env. */
  env?: NodeJS.ProcessEnv;
}

const LANGUAGES: readonly Language[] = ['fi', 'sv', 'en'];

/**
 * Login and sessions: a router serving `/auth/*` (SAML endpoints for Suomi.fi and Virtu, logout;
 * mount it at the root), the `loadSession` middleware that puts a live session on `req.session`, and
 * /health probes. Errors go to `next(err)` as AppError, formatted by the API's one error handler.
 * Reads and validates the SAML settings at once (throws ConfigError); IdP metadata loads on first use.
 */
export function createAuthModule(deps: AuthModuleDeps) {
  const settings: SamlSettings = loadSamlSettings(deps.config, deps.env);
  const idps = createIdpDirectory(settings);
  const requests = createSamlRequestStore(deps.db);
  const sessions = createSessionStore(deps.db, settings.session);
  const verifyLoginResponse = createLoginResponseVerifier(settings, requests);
  const slo = createSingleLogout({ db: deps.db, settings, requests, sessions });
  const base = settings.publicBaseUrl;

  const idpParam = (req: Request): IdpName => {
    const name = req.params.idp;
    if (!IDP_NAMES.includes(name as IdpName)) throw new AppError(ErrorCode.NOT_FOUND, `There is no login service called ${String(name).slice(0, 40)}.`);
    return name as IdpName;
  };
  const rawQuery = (req: Request) => (req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '');

  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '768kb' });

  router.get('/:idp/metadata', (req, res) => {
    // Built before the content type is set: an unknown IdP's 404 must go out as JSON, not as metadata XML.
    const metadata = buildSpMetadata(settings, idpParam(req));
    res.type('application/samlmetadata+xml').send(metadata);
  });

  router.get('/:idp/login', async (req, res) => {
    const name = idpParam(req);
    const language = LANGUAGES.includes(req.query.lang as Language) ? (req.query.lang as Language) : 'fi';
    const binding = newLoginBinding();
    const url = await createLoginRedirect(settings, requests, await idps.get(name), {
      language,
      returnTo: safeReturnTo(req.query.returnTo),
      browserBindingHash: binding.hash,
    });
    void requests.purgeExpired().catch(() => undefined);
    setLoginCookie(res, binding.nonce, base);
    res.redirect(302, url);
  });

  router.post('/:idp/acs', form, async (req, res) => {
    const name = idpParam(req);
    const idp = await idps.get(name);
    const login = await verifyLoginResponse(idp, req.body ?? {});
    // Login CSRF: only the browser that started this login may finish it. The request stays
    // outstanding, so the right browser can still complete it.
    if (!matchesLoginBinding(readCookie(req, LOGIN_COOKIE), login.request.browserBindingHash)) {
      throw refuse(name, 'this login was started in another browser');
    }
    clearLoginCookie(res, base);
    const loa = loaFromClassRef(name, login.classRef, settings.production);
    if ('refused' in loa) throw refuse(name, loa.refused);
    const identity = name === 'suomifi' ? applicantFromSuomifi(login.attributes, deps.pii) : await officialFromVirtu(login.attributes, deps.db);
    if ('refused' in identity) throw refuse(name, identity.refused);

    const { token, session } = await deps.db.transaction(async (trx) => {
      // One-time use, decided atomically with the session write: a replay or a second response to the
      // same request loses here and nothing is written.
      if (!(await requests.recordAssertion(trx, login.assertionId, name, login.assertionNotOnOrAfter))) {
        throw refuse(name, 'this assertion has already been used (replay)');
      }
      if (!(await requests.consume(trx, login.request.id, name, 'authn'))) {
        throw refuse(name, 'the login request was already answered (InResponseTo used twice)');
      }
      return sessions.create(trx, {
        ...identity,
        idp: name,
        loa: loa.loa,
        language: login.request.language,
        nameId: login.nameId,
        nameIdFormat: login.nameIdFormat,
        nameQualifier: login.nameQualifier,
        spNameQualifier: login.spNameQualifier,
        sessionIndex: login.sessionIndex,
      });
    });
    logger.info({ event: 'saml_login', idp: name, kind: session.kind, loa: session.loa, session_id: session.id, authority_id: session.authorityId });
    setSessionCookie(res, token, base);
    res.redirect(303, login.request.returnTo ?? '/');
  });

  // requireSession/requireCsrf read req.session, which loadSession (mounted before this router) sets.
  // The pages log out with a plain form (the token in its `_csrf` field) and are sent on to the IdP's SLO.
  router.post('/logout', form, pageLogoutWithoutSession, requireSession, logoutCsrf, async (req, res) => {
    const session = req.session!;
    // Close the local session first (Suomi.fi's rule): the IdP round trip may never come back.
    const ref = await sessions.end(session.id);
    clearSessionCookie(res, base);
    if (!ref) throw new AppError(ErrorCode.NOT_AUTHENTICATED, 'The session had already ended.');
    logger.info({ event: 'saml_logout', idp: session.idp, session_id: session.id });
    const redirectTo = await slo.logoutRequestUrl(await idps.get(ref.idp), ref, session.language);
    if (isPageForm(req)) return res.redirect(303, redirectTo);
    res.status(200).json({ redirectTo });
  });

  const sloHandler = async (req: Request, res: Response) => {
    const idp = await idps.get(idpParam(req));
    const redirectTo = await slo.handleSlo(idp, { rawQuery: rawQuery(req), body: req.body, method: req.method });
    // The browser carrying the IdP's LogoutRequest is the user's: drop its cookie if its session ended.
    if (readSessionCookie(req) && !(await lookup(req))) clearSessionCookie(res, base);
    res.redirect(req.method === 'POST' ? 303 : 302, redirectTo);
  };
  router.get('/:idp/slo', sloHandler);
  router.post('/:idp/slo', form, sloHandler);

  async function lookup(req: Request) {
    const token = readSessionCookie(req);
    return token ? sessions.findByToken(token) : undefined;
  }

  /** Sets `req.session` from the session cookie when it names a live session; otherwise leaves it unset. */
  const loadSession: RequestHandler = async (req: Request, _res: Response, next: NextFunction) => {
    try {
      const found = await lookup(req);
      if (found) req.session = found.session;
      next();
    } catch (err) {
      next(err);
    }
  };

  /** /health probes: each IdP's metadata can be loaded now. */
  const healthChecks = Object.fromEntries(
    IDP_NAMES.map((name) => [`${name}_idp`, async () => void (await idps.refresh(name))]),
  ) as Record<string, () => Promise<void>>;

  /** Where a page's logout form leads (each IdP's single logout origin), for the pages' CSP form-action. */
  const formTargets = async () => Promise.all(IDP_NAMES.map(async (name) => new URL((await idps.get(name)).sloRedirectUrl).origin));

  // The routes carry their /auth prefix, so api/app.ts mounts the router at the root.
  return { router: express.Router().use('/auth', router), loadSession, healthChecks, formTargets, settings, sessions };
}

export type AuthModule = ReturnType<typeof createAuthModule>;

const isPageForm = (req: Request) => req.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded';

/** A page's logout form sends its CSRF token as a form field; API clients send the X-CSRF-Token header. */
const logoutCsrf: RequestHandler = (req, res, next) => (isPageForm(req) ? requireFormCsrf(req, res, next) : requireCsrf(req, res, next));

/** A page whose session has already ended just goes back to the front page. */
const pageLogoutWithoutSession: RequestHandler = (req, res, next) => (isPageForm(req) && !req.session ? res.redirect(303, '/') : next());
