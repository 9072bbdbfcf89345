/**
 * When to tell the applicant that a deadline is near (issue 6): a supplement request's deadline and
 * the draft's expiry, REMINDER_LEAD before it, or halfway there when the whole time is shorter (so
 * that a short deadline is not "near" the moment it is set). Pure code.
 */
import type { CaseState } from './state';
import { DAY_MS, openRequest } from './state';

export const REMINDER_LEAD_MS = 3 * DAY_MS;

export type ReminderKind = 'SUPPLEMENT_REMINDER' | 'DRAFT_EXPIRY_REMINDER';

/** A reminder still to send: `key` names the deadline it is for, so it is sent once per deadline. */
export interface Reminder { kind: ReminderKind; at: number; key: string; deadline: number }

const remindAt = (from: number, due: number) => due - Math.min(REMINDER_LEAD_MS, (due - from) / 2);

/** The reminders a case is waiting for; none in cases from before notifications (their histories stay as they were). */
export function pendingReminders(state: CaseState): Reminder[] {
  if (!state.notices.enabled) return [];
  const list: Reminder[] = [];
  const open = openRequest(state);
  if (open) {
    const deadline = Date.parse(open.deadline);
    list.push({ kind: 'SUPPLEMENT_REMINDER', at: remindAt(Date.parse(open.requestedAt), deadline), key: `SUPPLEMENT:${open.requestId}`, deadline });
  }
  if (state.status === 'DRAFT' && state.draftExpiresAt !== null && state.service) {
    const deadline = state.draftExpiresAt;
    list.push({ kind: 'DRAFT_EXPIRY_REMINDER', at: remindAt(deadline - state.service.draftExpiryDays * DAY_MS, deadline), key: `DRAFT_EXPIRY:${deadline}`, deadline });
  }
  return list.filter((r) => !state.notices.reminded.includes(r.key));
}
