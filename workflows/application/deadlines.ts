/** Which durable deadlines a case is waiting for, given its state. Pure code. */
import type { CaseState } from './state';
import { handlingDue, openRequest } from './state';
import { pendingReminders, type ReminderKind } from './reminders';

export type DeadlineKind = 'DRAFT_EXPIRY' | 'ACKNOWLEDGEMENT' | 'HANDLING' | 'SUPPLEMENT' | 'APPEAL' | ReminderKind;
export interface Deadline { kind: DeadlineKind; at: number }

/** Every deadline still ahead of the case (or already due but not yet acted on), earliest first. */
export function pendingDeadlines(state: CaseState): Deadline[] {
  const list: Deadline[] = [];
  const { status } = state;
  if (status === 'DRAFT' && state.draftExpiresAt !== null) list.push({ kind: 'DRAFT_EXPIRY', at: state.draftExpiresAt });
  // SUBMITTED lasts only in xroad mode, while the application has not reached the authority system (an
  // outage, or a refusal): not acknowledged in time all the same. Portal cases pass SUBMITTED in one step.
  if ((status === 'DELIVERED' || status === 'SUBMITTED') && state.caseNumber === null && !state.alerted.acknowledgement && state.acknowledgementDueAt !== null) {
    list.push({ kind: 'ACKNOWLEDGEMENT', at: state.acknowledgementDueAt });
  }
  const handling = handlingDue(state);
  if ((status === 'DELIVERED' || status === 'IN_HANDLING') && handling !== null && !state.alerted.handling) {
    list.push({ kind: 'HANDLING', at: handling });
  }
  const open = openRequest(state);
  if (open) list.push({ kind: 'SUPPLEMENT', at: Date.parse(open.deadline) });
  if (status === 'DECIDED' && state.decision) list.push({ kind: 'APPEAL', at: Date.parse(state.decision.appealPeriodEndsAt) });
  for (const reminder of pendingReminders(state)) list.push({ kind: reminder.kind, at: reminder.at });
  return list.sort((a, b) => a.at - b.at);
}

/** The deadline that matters to people searching for cases: supplement due, handling due or appeal end. */
export function searchableDeadline(state: CaseState): number | null {
  switch (state.status) {
    case 'SUPPLEMENT_REQUESTED': {
      const open = openRequest(state);
      return open ? Date.parse(open.deadline) : null;
    }
    case 'DELIVERED':
    case 'IN_HANDLING':
      return handlingDue(state);
    case 'DECIDED':
      return state.decision ? Date.parse(state.decision.appealPeriodEndsAt) : null;
    default:
      return null;
  }
}
