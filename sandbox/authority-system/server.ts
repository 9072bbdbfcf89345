/**
 * The sandbox authority case system (Tampere's, in the seed data): the provider information system
 * behind the authority's X-Road service. It stores each application, supplement and withdrawal once
 * (a repeated X-Road-Id is answered as the first time), and sends acknowledgements, supplement
 * requests, status changes and decisions back to the platform through its own security server.
 * With `auto` on it handles each application by itself: acknowledge, ask for the landowner's consent
 * when the form lacks it (a fixed rule), decide. Control endpoints let tests do each step by hand.
 */
import express, { type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from '../../infra/logger';
import { ApplicationMessage, MESSAGE_LIMITS, SupplementMessage, WithdrawalMessage, type InboundType } from '../../infra/xroad/lupa-interface';
import { receiveAttachment } from './attachments';
import { createCaseRegister, type AuthorityCase } from './cases';
import { callPlatform, type PlatformCallerOptions } from './platform-caller';

export interface AuthoritySystemOptions extends PlatformCallerOptions {
  /** Handle applications by itself (the demo and `npm start`); tests drive it by hand. */
  auto: boolean;
  /** Pause before each automatic step, so a person can follow the case. */
  autoDelayMs?: number;
  logger: Logger;
}

const Settings = z.strictObject({ auto: z.boolean().optional(), refuseApplications: z.boolean().optional(), autoDelayMs: z.number().int().min(0).optional() });
// A control call: the message body to send, and optionally the X-Road-Id to send it with (to repeat a message).
const Send = z.object({ messageId: z.string().min(1).optional() }).catchall(z.unknown());

/** Builds the authority system's Express app. */
export function createAuthoritySystem(opts: AuthoritySystemOptions) {
  const cases = createCaseRegister();
  const settings = { auto: opts.auto, refuseApplications: false, autoDelayMs: opts.autoDelayMs ?? 1000 };
  const app = express();
  app.disable('x-powered-by');
  // Before the general body limit: an attachment message carries a whole file.
  app.post('/xroad/applications/:id/attachments', express.json({ limit: MESSAGE_LIMITS.attachmentBody }), (req, res) => receiveAttachment(cases, req, res, opts.logger));
  app.use(express.json({ limit: MESSAGE_LIMITS.body }));
  const refuse = (res: Response, status: number, type: string, message: string) => void res.status(status).json({ type, message, detail: '' });
  const messageIdOf = (req: Request) => String(req.headers['x-road-id'] ?? '');

  // ── The provider service (the security server forwards {baseUrl}{path}) ──
  app.post('/xroad/applications', (req, res) => {
    const messageId = messageIdOf(req);
    if (!messageId) return refuse(res, 400, 'client.bad_request', 'X-Road-Id is missing');
    if (settings.refuseApplications) return refuse(res, 422, 'client.schema_validation_failed', 'The application does not conform to the schema of this case system');
    const body = ApplicationMessage.safeParse(req.body);
    if (!body.success) return refuse(res, 400, 'client.bad_request', `Malformed application: ${body.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    const { kase, duplicate } = cases.receiveApplication(messageId, body.data);
    opts.logger.info({ event: 'authority_application_received', application_id: kase.applicationId, duplicate }, 'sandbox authority: application');
    res.status(duplicate ? 200 : 201).json({ received: true, applicationId: kase.applicationId });
    if (!duplicate && settings.auto) void autoHandle(kase, 'received');
  });
  app.post('/xroad/applications/:id/supplements', (req, res) => laterMessage(req, res, SupplementMessage, (kase, data) => {
    kase.supplements.push(data);
    if (settings.auto) void autoHandle(kase, 'supplemented');
  }));
  app.post('/xroad/applications/:id/withdrawal', (req, res) => laterMessage(req, res, WithdrawalMessage, (kase, data) => { kase.withdrawal = data; }));

  function laterMessage<T extends Record<string, unknown>>(req: Request, res: Response, schema: z.ZodType<T>, apply: (kase: AuthorityCase, data: T) => void): void {
    const messageId = messageIdOf(req);
    if (!messageId) return refuse(res, 400, 'client.bad_request', 'X-Road-Id is missing');
    const kase = cases.get(String(req.params.id));
    if (!kase) return refuse(res, 404, 'client.unknown_case', `No application ${req.params.id}`);
    const body = schema.safeParse(req.body);
    if (!body.success) return refuse(res, 400, 'client.bad_request', 'Malformed message');
    const fresh = cases.receive(kase, messageId, () => apply(kase, body.data));
    res.status(fresh ? 201 : 200).json({ received: true });
  }

  // ── Control (sandbox only) ──
  app.get('/_control/cases', (_req, res) => { res.json(cases.all()); });
  app.get('/_control/cases/:id', (req, res) => {
    const kase = cases.get(req.params.id);
    if (!kase) return void res.status(404).json({ error: 'no such case' });
    res.json(kase);
  });
  app.put('/_control/settings', (req, res) => {
    const body = Settings.safeParse(req.body);
    if (!body.success) return void res.status(400).json({ error: 'auto, refuseApplications (booleans), autoDelayMs' });
    Object.assign(settings, body.data);
    res.json(settings);
  });
  const step = (type: InboundType, defaults: (kase: AuthorityCase | undefined) => Record<string, unknown>) => async (req: Request, res: Response) => {
    const parsed = Send.safeParse(req.body ?? {});
    if (!parsed.success) return void res.status(400).json({ error: 'messageId must be a text' });
    const { messageId, ...body } = parsed.data;
    const id = String(req.params.id);
    res.json(await callPlatform(opts, id, type, { ...defaults(cases.get(id)), ...body }, messageId));
  };
  app.post('/_control/cases/:id/acknowledge', step('acknowledgement', (kase) => ({ caseNumber: kase?.caseNumber ?? 'TRE/0000/0000' })));
  app.post('/_control/cases/:id/request-supplement', step('supplement-request', () => ({
    message: 'Toimittakaa maanomistajan kirjallinen suostumus maa-ainesten ottamiseen.', deadline: new Date(Date.now() + 14 * 86_400_000).toISOString(),
  })));
  app.post('/_control/cases/:id/status', step('status', () => ({ status: 'LAUSUNNOILLA', text: 'Hakemuksesta on pyydetty lausunnot.' })));
  app.post('/_control/cases/:id/decide', step('decision', () => decision('APPROVED')));

  /** The automatic handling: one step at a time, each retried with the same X-Road-Id until the platform has it. */
  async function autoHandle(kase: AuthorityCase, event: 'received' | 'supplemented'): Promise<void> {
    const send = async (type: InboundType, body: unknown) => {
      const messageId = randomUUID();
      for (let attempt = 1; attempt <= 10; attempt++) {
        await new Promise((r) => setTimeout(r, settings.autoDelayMs * attempt));
        const result = await callPlatform(opts, kase.applicationId, type, body, messageId).catch((err: Error) => ({ status: 0, body: err.message }));
        if (result.status >= 200 && result.status < 300) return true;
        opts.logger.warn({ event: 'authority_send_failed', application_id: kase.applicationId, type, status: result.status, attempt }, 'sandbox authority: send failed');
        if (result.status >= 400 && result.status < 500) return false;
      }
      return false;
    };
    if (event === 'received') {
      if (!(await send('acknowledgement', { caseNumber: kase.caseNumber }))) return;
      if (kase.application.form && (kase.application.form as Record<string, unknown>).landownerConsent !== true) {
        await send('supplement-request', { message: 'Toimittakaa maanomistajan kirjallinen suostumus maa-ainesten ottamiseen.', deadline: new Date(Date.now() + 14 * 86_400_000).toISOString() });
        return;
      }
    } else {
      await send('status', { status: 'KÄSITTELYSSÄ', text: 'Täydennys vastaanotettu, hakemus on ratkaistavana.' });
    }
    await send('decision', decision('APPROVED'));
  }

  return { app, cases, settings };
}

/** A decision with a small plain-text decision document. */
function decision(outcome: 'APPROVED' | 'REJECTED' | 'PARTIALLY_APPROVED') {
  const text = outcome === 'APPROVED' ? 'Maa-ainesten ottamislupa myönnetään hakemuksen mukaisesti.' : 'Hakemus hylätään.';
  return {
    outcome, text,
    document: { filename: 'paatos.txt', mediaType: 'text/plain', contentBase64: Buffer.from(`Tampereen kaupunki\nPÄÄTÖS\n\n${text}\n`).toString('base64') },
  };
}
