/**
 * The sandbox mail catcher: an SMTP server that keeps every message it is given in memory, and an
 * HTTP API to read (`GET /messages`) and forget (`DELETE /messages`) them. It stands in for the
 * e-mail relay the platform sends notifications through; nothing leaves the machine. Fixed triggers:
 * a recipient at REFUSED_DOMAIN is refused for good (550); setUnavailable plays an outage (421).
 */
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as the catcher's HTTP API lists it. */
export interface CaughtMessage {
  to: string[];
  from: string;
  subject: string;
  text: string;
  /** The Message-ID header the sender chose. */
  messageId: string | null;
  date: string;
}

export interface StartMailCatcherOptions {
  /** 0 picks a free port. Defaults: SMTP 4108, HTTP 4109. */
  smtpPort?: number;
  httpPort?: number;
  host?: string;
  production?: boolean;
}

export interface RunningMailCatcher {
  /** smtp://host:port, the platform's SMTP_URL. */
  smtpUrl: string;
  /** The HTTP API's origin (GET/DELETE /messages). */
  httpUrl: string;
  /** Refuse (true) or accept (false) SMTP connections with 421 "service not available", to play a relay outage. */
  setUnavailable(down: boolean): void;
  stop(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1_000_000;

/** The fixed trigger of a permanent refusal: the relay answers 550 to any recipient at this domain. */
export const REFUSED_DOMAIN = 'refused.example';

/** Starts the mail catcher's SMTP and HTTP servers. Refuses in production. */
export async function startMailCatcher(opts: StartMailCatcherOptions = {}): Promise<RunningMailCatcher> {
  if (opts.production) throw new Error('The sandbox mail catcher must not run in production (LUPAFLOW_ENV=production).');
  const host = opts.host ?? '127.0.0.1';
  const messages: CaughtMessage[] = [];
  let unavailable = false;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    // Stopping must not wait for a client that keeps its connection open.
    closeTimeout: 1_000,
    onConnect(_session, callback) {
      if (!unavailable) return callback();
      return callback(Object.assign(new Error('Service not available, try again later'), { responseCode: 421 }));
    },
    onRcptTo(address, _session, callback) {
      if (!address.address.toLowerCase().endsWith(`@${REFUSED_DOMAIN}`)) return callback();
      return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then((mail) => {
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          messageId: mail.messageId ?? null,
          date: new Date().toISOString(),
        });
        callback();
      }, (err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(opts.smtpPort ?? 4108, host, () => resolve());
  });

  const app = express();
  app.disable('x-powered-by');
  app.get('/messages', (_req, res) => { res.json(messages); });
  app.delete('/messages', (_req, res) => {
    messages.length = 0;
    res.status(204).end();
  });
  const web = http.createServer(app);
  try {
    await new Promise<void>((resolve, reject) => {
      web.once('error', reject);
      web.listen(opts.httpPort ?? 4109, host, () => resolve());
    });
  } catch (err) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw err;
  }

  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const origin = (port: number) => `${publicHost.includes(':') ? `[${publicHost}]` : publicHost}:${port}`;
  return {
    smtpUrl: `smtp://${origin((smtp.server.address() as AddressInfo).port)}`,
    httpUrl: `http://${origin((web.address() as AddressInfo).port)}`,
    setUnavailable: (down) => { unavailable = down; },
    stop: async () => {
      await Promise.all([
        new Promise<void>((resolve) => smtp.close(() => resolve())),
        new Promise<void>((resolve) => {
          web.close(() => resolve());
          web.closeAllConnections();
        }),
      ]);
    },
  };
}
