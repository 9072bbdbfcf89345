/**
 * The sandbox authority's case register, in memory: each application once, however many times its
 * message arrives (keyed by X-Road-Id, and by application id as the business key), with what came
 * after it. Tests read it through the control endpoint.
 */

export interface AuthorityCase {
  applicationId: string;
  caseNumber: string;
  application: Record<string, unknown>;
  receivedAt: string;
  /** Every X-Road-Id of a message about this case, each stored once. */
  messageIds: string[];
  /** How many times a message arrived, duplicates included. */
  deliveries: number;
  supplements: Record<string, unknown>[];
  withdrawal: Record<string, unknown> | null;
  /** Files received, each once, with the SHA-256 this system computed of the bytes it got. */
  attachments: ReceivedAttachment[];
}

export interface ReceivedAttachment { id: string; type: string; filename: string; mediaType: string; size: number; sha256: string; receivedAt: string }

/** What storing a message did: stored now, or seen before (a duplicate, answered as the first time). */
export type Stored = { kase: AuthorityCase; duplicate: boolean };

export function createCaseRegister(year = new Date().getUTCFullYear()) {
  const byApplication = new Map<string, AuthorityCase>();
  let next = 1;
  const seen = (kase: AuthorityCase, messageId: string) => {
    kase.deliveries += 1;
    return kase.messageIds.includes(messageId);
  };
  return {
    get: (applicationId: string) => byApplication.get(applicationId),
    all: () => [...byApplication.values()],
    /** Stores an application once; its message id and its application id both identify a duplicate. */
    receiveApplication(messageId: string, application: Record<string, unknown> & { applicationId: string }): Stored {
      const existing = byApplication.get(application.applicationId);
      if (existing) {
        const duplicate = seen(existing, messageId);
        if (!duplicate) existing.messageIds.push(messageId);
        return { kase: existing, duplicate: true };
      }
      const kase: AuthorityCase = {
        applicationId: application.applicationId, caseNumber: `TRE/${String(next++).padStart(4, '0')}/${year}`, application,
        receivedAt: new Date().toISOString(), messageIds: [messageId], deliveries: 1, supplements: [], withdrawal: null, attachments: [],
      };
      byApplication.set(kase.applicationId, kase);
      return { kase, duplicate: false };
    },
    /** Stores a later message of a case once (supplement, withdrawal); false when it was a duplicate. */
    receive(kase: AuthorityCase, messageId: string, apply: () => void): boolean {
      if (seen(kase, messageId)) return false;
      kase.messageIds.push(messageId);
      apply();
      return true;
    },
  };
}

export type CaseRegister = ReturnType<typeof createCaseRegister>;
