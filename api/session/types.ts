import type { Language, LevelOfAssurance } from '../../workflows/application/messages';

/** What an official may do; mapped from Virtu entitlements (api/saml/virtu). */
export type Permission = 'case:read' | 'case:handle' | 'case:decide' | 'operator' | 'service:admin';

/**
 * A verified login session, as the session middleware puts it on `req.session`.
 * The identity code itself is never here: only its keyed hash (`subjectRef`).
 */
export interface Session {
  /** Internal id (sessions.id); safe to pass to workflows. The cookie holds a different, secret token. */
  id: string;
  kind: 'applicant' | 'official';
  /** Which identity provider verified the login: `suomifi` or `virtu`. */
  idp: 'suomifi' | 'virtu';
  /** Pseudonymous subject: HMAC of the identity code (applicants) or `localId@homeOrg` (officials). */
  subjectRef: string;
  displayName: string;
  loa: LevelOfAssurance;
  language: Language;
  /** Officials only: the authority they work for, and what they may do. */
  authorityId: string | null;
  permissions: Permission[];
  /** Per-session token that state-changing requests must echo in the `X-CSRF-Token` header. */
  csrfToken: string;
  expiresAt: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by the session middleware when the request carries a valid session cookie. */
      session?: Session;
    }
  }
}
