import nodemailer from 'nodemailer';
import { measureIntegration } from '../../infra/telemetry/integration-metrics';
import type { MailConfig } from './config';

/** One e-mail: plain text only (the notifications never carry a form's contents). */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Stable per notification, so that a receiver can drop a copy sent again after a crash. */
  messageId: string;
}

/** Why a send failed: `permanent` when the relay refused this message for good (retrying will not help). */
export class MailSendError extends Error {
  override name = 'MailSendError';
  constructor(readonly code: string, readonly permanent: boolean) {
    super(`The SMTP relay did not take the message (${code}).`);
  }
}

/** The one interface of the outgoing e-mail relay. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** The SMTP client (nodemailer), one connection per message. Errors come back as MailSendError. */
export function createSmtpMailer(config: MailConfig): Mailer {
  // Well inside the activity's one-minute limit, so an attempt never outlives its own timeout and sends late.
  const transport = nodemailer.createTransport(
    { url: config.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
    { from: config.MAIL_FROM },
  );
  return {
    async send(mail) {
      await measureIntegration('smtp', 'send', async () => {
        try {
          await transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
        } catch (err) {
          throw toSendError(err);
        }
      }, { error: (err) => ((err as MailSendError).permanent ? 'refused' : 'failed') });
    },
  };
}

function toSendError(err: unknown): MailSendError {
  const e = err as { code?: string; responseCode?: number };
  const code = e.responseCode ? `SMTP_${e.responseCode}` : (e.code ?? 'SMTP_ERROR');
  // 5xx to the envelope or the message itself: the relay will refuse it again. A 4xx or a lost connection passes.
  const permanent = (e.responseCode ?? 0) >= 500 && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE');
  return new MailSendError(code, permanent);
}
