import { z } from 'zod';
import { parseEnvForProduction } from '../../infra/config/production';

/** The sandbox mail catcher's SMTP port (SANDBOX_MAIL_SMTP_PORT); production must name its own relay. */
export const SANDBOX_SMTP_URL = 'smtp://127.0.0.1:4108';

const mailShape = {
  /** The SMTP relay: smtp://[user:password@]host:port (STARTTLS when offered) or smtps://… (TLS from the start). */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).default(SANDBOX_SMTP_URL),
  /** The sender of every notification, e.g. `Lupapalvelu <noreply@lupapalvelu.fi>`. */
  MAIL_FROM: z.string().min(3).max(200).regex(/@/, 'expected an e-mail address, optionally with a display name').default('Lupaflow <noreply@lupaflow.localhost>'),
};

export type MailConfig = ReturnType<typeof loadMailConfig>;

/** Validates the e-mail settings; production must set both (no sandbox relay, no made-up sender). */
export function loadMailConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseEnvForProduction(mailShape, env, ['SMTP_URL', 'MAIL_FROM'], 'production does not send e-mail through the sandbox mail catcher');
}
