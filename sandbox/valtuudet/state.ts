import { randomUUID } from 'node:crypto';
import { ORGANISATIONS, PERSONS, type OrganisationFixture, type PersonFixture } from './fixtures';

export type Mode = 'hpa' | 'ypa';

interface WebSession { mode: Mode; clientId: string; delegate: string; userId: string; expiresAt: number; selected: string[] }
interface Code { clientId: string; redirectUri: string; sessionId: string; used: boolean; expiresAt: number }
interface Token { sessionId: string; expiresAt: number }

/** Lifetimes; tests shorten them. The token lifetime is DVV's sample `expires_in` (§8). */
export interface Lifetimes { sessionMs: number; tokenMs: number; codeMs: number }
export const DEFAULT_LIFETIMES: Lifetimes = { sessionMs: 30 * 60_000, tokenMs: 600_000, codeMs: 120_000 };

/**
 * The stand-in's memory: Web API sessions, single-use codes, access tokens, and its own copy of the
 * fixtures, which the control endpoint changes (a revoked mandate).
 */
export function createValtuudetState(lifetimes: Lifetimes, now: () => number) {
  const sessions = new Map<string, WebSession>();
  const codes = new Map<string, Code>();
  const tokens = new Map<string, Token>();
  let organisations: OrganisationFixture[] = structuredClone(ORGANISATIONS);
  let persons: PersonFixture[] = structuredClone(PERSONS);
  const live = (sessionId: string): WebSession | undefined => {
    const s = sessions.get(sessionId);
    return s && s.expiresAt > now() ? s : undefined;
  };

  return {
    register(mode: Mode, clientId: string, delegate: string) {
      const sessionId = randomUUID();
      const userId = randomUUID();
      sessions.set(sessionId, { mode, clientId, delegate, userId, expiresAt: now() + lifetimes.sessionMs, selected: [] });
      return { sessionId, userId };
    },
    /** The live session a browser arrives at the selection UI with, by its userId. */
    sessionOfUser(clientId: string, userId: string): { sessionId: string; session: WebSession } | undefined {
      for (const [sessionId, s] of sessions) if (s.userId === userId && s.clientId === clientId && live(sessionId)) return { sessionId, session: s };
      return undefined;
    },
    /** What the delegate may choose from in the selection UI. */
    choices(session: WebSession): { id: string; name: string }[] {
      return session.mode === 'ypa'
        ? organisations.filter((o) => o.roles[session.delegate]).map((o) => ({ id: o.identifier, name: o.name }))
        : persons.filter((p) => p.mandates[session.delegate]).map((p) => ({ id: p.personId, name: p.name }));
    },
    select(sessionId: string, principal: string, redirectUri: string): string {
      const s = sessions.get(sessionId)!;
      s.selected = [principal];
      const code = randomUUID();
      codes.set(code, { clientId: s.clientId, redirectUri, sessionId, used: false, expiresAt: now() + lifetimes.codeMs });
      return code;
    },
    /** A code for a token, once, for the client and redirect_uri it was issued to. */
    redeem(code: string, clientId: string, redirectUri: string): string | undefined {
      const c = codes.get(code);
      if (!c || c.used || c.expiresAt <= now() || c.clientId !== clientId || c.redirectUri !== redirectUri || !live(c.sessionId)) return undefined;
      c.used = true;
      const token = randomUUID();
      tokens.set(token, { sessionId: c.sessionId, expiresAt: now() + lifetimes.tokenMs });
      return token;
    },
    /** The session a Bearer token opens, if both are alive and belong together. */
    authorised(sessionId: string, bearer: string | undefined): WebSession | undefined {
      const t = bearer ? tokens.get(bearer) : undefined;
      if (!t || t.sessionId !== sessionId || t.expiresAt <= now()) return undefined;
      return live(sessionId);
    },
    /** Unregister: true if the session was alive. */
    end(sessionId: string, clientId: string): boolean {
      const s = live(sessionId);
      if (!s || s.clientId !== clientId) return false;
      sessions.delete(sessionId);
      return true;
    },
    organisation: (id: string) => organisations.find((o) => o.identifier === id),
    person: (id: string) => persons.find((p) => p.personId === id),
    /** Control: the delegate loses every role and mandate for the principal. */
    revoke(delegate: string, principal: string): boolean {
      const o = organisations.find((x) => x.identifier === principal);
      if (o?.roles[delegate]) o.roles[delegate] = [];
      const p = persons.find((x) => x.personId === principal);
      if (p?.mandates[delegate]) p.mandates[delegate] = [];
      return Boolean(o?.roles[delegate] || p?.mandates[delegate]);
    },
    /** Control: every mandate as the fixtures have it again (the demo starts from here). */
    reset(): void {
      organisations = structuredClone(ORGANISATIONS);
      persons = structuredClone(PERSONS);
    },
    /** Control: every Web API session ends now (as if they timed out). */
    expireSessions(): void {
      for (const s of sessions.values()) s.expiresAt = now();
    },
  };
}

export type ValtuudetState = ReturnType<typeof createValtuudetState>;
