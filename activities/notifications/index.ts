import type { CoreConfig } from '../../infra/config/core';
import { createPiiCrypto } from '../../infra/pii';
import { createSmtpMailer } from './client';
import { loadMailConfig } from './config';
import type { NotificationDeps } from './notify';

export { createSmtpMailer, MailSendError, type Mailer, type OutgoingMail } from './client';
export { loadMailConfig, SANDBOX_SMTP_URL, type MailConfig } from './config';
export { createContactStore, type Contact, type ContactStore } from './contacts';
export { createNotificationLog, type NotificationLog, type NotificationRecord } from './notification-log';
export { createNotificationActivities } from './notify';
export type { ApplicantNotice, AuthorityNotice, CaseNotice, DeadlineNotice, NotificationDeps, NotifyResult, SupplementNotice } from './notify';

/** The dependencies from the core settings and the environment (SMTP_URL, MAIL_FROM; the sandbox mail catcher in development). */
export function notificationDepsFromEnv(config: Pick<CoreConfig, 'PII_ENCRYPTION_KEYS' | 'PII_HASH_KEY' | 'PUBLIC_BASE_URL'>, env: NodeJS.ProcessEnv = process.env): NotificationDeps {
  return { mailer: createSmtpMailer(loadMailConfig(env)), pii: createPiiCrypto(config.PII_ENCRYPTION_KEYS, config.PII_HASH_KEY), publicBaseUrl: config.PUBLIC_BASE_URL };
}
