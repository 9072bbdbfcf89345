import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Knex } from 'knex';
import type { Logger } from '../../infra/logger';
import type { PiiCrypto } from '../../infra/pii';
import { ErrorCode } from '../../workflows/error-codes';
import type { Language, LocalizedText } from '../../workflows/application/messages';
import { MailSendError, type Mailer } from './client';
import { createContactStore } from './contacts';
import { createNotificationLog } from './notification-log';
import { render, type Template, type TemplateValues } from './templates';

/** What the workflow tells a notification activity: references only, never an address or personal data. */
export interface CaseNotice {
  applicationId: string;
  /** The seq of the case event the notification is about: with the workflow id and the template, its idempotency key. */
  eventSeq: number;
  serviceNames: LocalizedText;
  /** The case's language: used when the recipient has not chosen one. */
  language: Language;
}

export interface AuthorityNotice extends CaseNotice { authorityId: string }
export interface ApplicantNotice extends CaseNotice {
  /** The applicant's (for an organisation: the representative's) pseudonymous subject, sessions.subject_ref. */
  applicantRef: string;
}
export interface SupplementNotice extends ApplicantNotice { deadline: string }
export interface DeadlineNotice extends ApplicantNotice { deadlineKind: 'SUPPLEMENT' | 'DRAFT_EXPIRY'; deadline: string }

/** What the notification activities need besides the database: the relay, the PII keys (addresses) and the public address (links). */
export interface NotificationDeps {
  mailer: Mailer;
  pii: PiiCrypto;
  /** Links in the texts point here (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
}

type NotifyDeps = NotificationDeps & { db: Knex; logger: Logger };

type Recipient = { email: string; language: Language | null } | null;

/** The outcome the workflow gets back: `skipped` when there was nobody to write to. */
export type NotifyResult = 'sent' | 'skipped';

/**
 * Sends one notification once: the log row of its key says whether an earlier attempt already did
 * (then nothing is sent again); the address is looked up here, so it never enters Temporal.
 */
async function deliver(deps: NotifyDeps, notice: CaseNotice, template: Template, recipientKind: 'authority' | 'applicant', lookup: () => Promise<Recipient>, values: Omit<TemplateValues, 'applicationId' | 'serviceNames' | 'link'> & { path: string }): Promise<NotifyResult> {
  const log = createNotificationLog(deps.db);
  const key = `${notice.applicationId}:${template}:${notice.eventSeq}`;
  const done = await log.claim(key, { applicationId: notice.applicationId, template, recipientKind, language: notice.language });
  if (done === 'sent' || done === 'skipped') return done;
  const attempts = Context.current().info.attempt;
  const recipient = await lookup();
  if (!recipient) {
    await log.finish(key, { status: 'skipped', attempts, language: notice.language, recipientHash: null, errorCode: 'NO_ADDRESS' });
    deps.logger.info({ event: 'notification_skipped', application_id: notice.applicationId, template, reason: 'no_address' });
    return 'skipped';
  }
  const language = recipient.language ?? notice.language;
  const recipientHash = deps.pii.hash(recipient.email.toLowerCase());
  const { path, ...rest } = values;
  const { subject, text } = render(template, language, {
    ...rest, applicationId: notice.applicationId, serviceNames: notice.serviceNames, link: `${deps.publicBaseUrl.replace(/\/$/, '')}${path}`,
  });
  try {
    await deps.mailer.send({ to: recipient.email, subject, text, messageId: `<${deps.pii.hash(key)}@lupaflow>` });
  } catch (err) {
    const code = err instanceof MailSendError ? err.code : 'SMTP_ERROR';
    await log.finish(key, { status: 'failed', attempts, language, recipientHash, errorCode: code });
    deps.logger.warn({ event: 'notification_failed', application_id: notice.applicationId, template, attempt: attempts, error_code: code });
    if (err instanceof MailSendError && err.permanent) {
      throw ApplicationFailure.nonRetryable(`The mail relay refused the ${template} notification (${code}).`, ErrorCode.NOTIFICATION_REFUSED);
    }
    throw ApplicationFailure.retryable(`The mail relay did not take the ${template} notification (${code}).`, ErrorCode.DEPENDENCY_UNAVAILABLE);
  }
  await log.finish(key, { status: 'sent', attempts, language, recipientHash });
  deps.logger.info({ event: 'notification_sent', application_id: notice.applicationId, template, attempt: attempts });
  return 'sent';
}

/** The notification activities, each its own activity (retried by the workflow's policy). */
export function createNotificationActivities(db: Knex, notificationDeps: NotificationDeps, logger: Logger) {
  const deps: NotifyDeps = { ...notificationDeps, db, logger };
  const contacts = createContactStore(deps.db, deps.pii);
  const applicant = (ref: string) => () => contacts.get(ref);
  const authority = (id: string) => async (): Promise<Recipient> => {
    const row = await deps.db('authorities').where({ id }).first('email');
    return row?.email ? { email: row.email, language: null } : null;
  };
  const caseLink = (n: CaseNotice) => `/applications/${encodeURIComponent(n.applicationId)}`;
  return {
    /** Portal mode: the authority's registry (authorities.email) learns of a new submission. */
    notifyAuthorityOfSubmission: (n: AuthorityNotice) =>
      deliver(deps, n, 'submission', 'authority', authority(n.authorityId), { path: `/official/cases/${encodeURIComponent(n.applicationId)}` }),
    notifyApplicantOfSupplementRequest: (n: SupplementNotice) =>
      deliver(deps, n, 'supplement_request', 'applicant', applicant(n.applicantRef), { path: caseLink(n), deadline: n.deadline }),
    notifyApplicantOfDecision: (n: ApplicantNotice) =>
      deliver(deps, n, 'decision', 'applicant', applicant(n.applicantRef), { path: caseLink(n) }),
    notifyApplicantOfDeadline: (n: DeadlineNotice) =>
      deliver(deps, n, 'deadline_near', 'applicant', applicant(n.applicantRef), { path: caseLink(n), deadline: n.deadline, deadlineKind: n.deadlineKind }),
  };
}
