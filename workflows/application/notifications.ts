/**
 * Notifications (issue 6): each an activity started from the transition that causes it and not
 * awaited there, so a slow or failing mail relay never holds up or fails the transition's answer.
 * The workflow awaits them before it ends. Only references go to the activities: they look the
 * addresses up themselves. Cases from before notifications existed send none (patched()).
 */
import { patched } from '@temporalio/workflow';
import { notifications } from './activities';
import type { CaseState } from './state';
import { iso } from './state';
import type { Reminder } from './reminders';

/** The patch id guarding every command notifications add to a case's history. */
export const NOTIFICATIONS_PATCH = 'notifications';

/** Whether this case sends notifications: false when replaying a history from before them. */
export const notificationsEnabled = (): boolean => patched(NOTIFICATIONS_PATCH);

export class Notifier {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly state: CaseState) {}

  /** Portal mode: the authority learns of a new submission (in xroad mode its own system gets the application). */
  submitted(): void {
    const s = this.state;
    if (s.service?.handlingMode !== 'portal') return;
    const authorityId = s.service.authorityId;
    this.start(() => notifications.notifyAuthorityOfSubmission({ ...this.notice(), authorityId }));
  }

  supplementRequested(deadline: string): void {
    this.start(() => notifications.notifyApplicantOfSupplementRequest({ ...this.notice(), applicantRef: this.state.input.applicant.ref, deadline }));
  }

  decided(): void {
    this.start(() => notifications.notifyApplicantOfDecision({ ...this.notice(), applicantRef: this.state.input.applicant.ref }));
  }

  /** A deadline is near: sent once per deadline (the reminder's key is kept). */
  remind(reminder: Reminder): void {
    this.state.notices.reminded.push(reminder.key);
    this.start(() => notifications.notifyApplicantOfDeadline({
      ...this.notice(), applicantRef: this.state.input.applicant.ref,
      deadlineKind: reminder.kind === 'SUPPLEMENT_REMINDER' ? 'SUPPLEMENT' : 'DRAFT_EXPIRY', deadline: iso(reminder.deadline),
    }));
  }

  /** Resolves once every notification started has been sent, skipped or given up on. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  /** The case and the latest event (what the notification is about): with the template, its idempotency key. */
  private notice() {
    const s = this.state;
    return { applicationId: s.input.applicationId, eventSeq: s.timeline.length, serviceNames: s.service!.names, language: s.input.language };
  }

  private start(send: () => Promise<unknown>): void {
    if (!this.state.notices.enabled) return;
    // A notification given up on is in the notifications table (status failed); the case goes on.
    const done: Promise<void> = send().then(() => undefined, () => undefined).finally(() => this.running.delete(done));
    this.running.add(done);
  }
}
