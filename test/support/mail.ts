import { notificationDepsFromEnv, type NotificationDeps } from '../../activities/notifications';
import { startMailCatcher, type CaughtMessage, type RunningMailCatcher } from '../../sandbox/mail';
import { testCoreConfig } from './env';

/** A sandbox mail catcher on free ports, and the notification activities' dependencies pointed at it. */
export async function startMailForTests(overrides: NodeJS.ProcessEnv = {}): Promise<{ catcher: RunningMailCatcher; deps: NotificationDeps }> {
  const catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  const deps = notificationDepsFromEnv(testCoreConfig(overrides), { SMTP_URL: catcher.smtpUrl, MAIL_FROM: 'Lupaflow <noreply@lupaflow.test>' });
  return { catcher, deps };
}

/** What the catcher holds, over its HTTP API. */
export async function caughtMail(catcher: RunningMailCatcher): Promise<CaughtMessage[]> {
  const res = await fetch(`${catcher.httpUrl}/messages`);
  return (await res.json()) as CaughtMessage[];
}
