/**
 * The demo's notifications part (issue 6): the applicant's contact address is set before the
 * lifecycle; afterwards the sandbox mail catcher shows what the authority and the applicant were
 * sent, and an operator reads the case's notification log.
 */
import type { ApiClient } from '../../bench/api-client';

export interface NotificationsDemo {
  applicationId: string;
  /** Logged in as an operator (olli.operaattori@lvv.fi). */
  operator: ApiClient;
  say(line: string): void;
  detail(line: string): void;
}

interface Caught { to: string[]; subject: string; text: string }
interface Notification { template: string; status: string; language: string; attempts: number }

/** The sandbox mail catcher's HTTP API, as `npm start` runs it. */
const mailUrl = process.env.DEMO_MAIL_URL ?? `http://127.0.0.1:${process.env.SANDBOX_MAIL_HTTP_PORT ?? 4109}`;

/** The applicant wants their notifications in English, at this address. */
export async function setDemoContact(applicant: ApiClient, say: (line: string) => void): Promise<void> {
  const contact = await applicant.put<{ email: string; language: string }>('/api/v1/me/contact', { email: 'tessa.testila@example.fi', language: 'en' });
  say(`Applicant's contact address for notifications: ${contact.email} (${contact.language}), stored encrypted`);
}

export async function runNotificationsDemo(d: NotificationsDemo): Promise<void> {
  // Notifications are sent beside the case, a moment after each step: wait for the decision's.
  let mails: Caught[] = [];
  for (let i = 0; i < 40 && mails.length < 3; i++) {
    mails = ((await (await fetch(`${mailUrl}/messages`)).json()) as Caught[]).filter((m) => m.subject.includes(d.applicationId));
    if (mails.length < 3) await new Promise((r) => setTimeout(r, 250));
  }
  d.say(`E-mails about ${d.applicationId} in the sandbox mail catcher (${mailUrl}/messages):`);
  for (const m of mails) d.detail(`to ${m.to.join(', ')}: "${m.subject}" — ${m.text.split('\n').find((l) => l.includes('http')) ?? ''}`);
  const { notifications } = await d.operator.get<{ notifications: Notification[] }>(`/api/v1/operator/cases/${d.applicationId}/notifications`);
  d.say('The operator reads the notification log (no addresses, only keyed hashes):');
  for (const n of notifications) d.detail(`${n.template.padEnd(20)} ${n.status.padEnd(8)} ${n.language}, ${n.attempts} attempt(s)`);
}
