import type { Knex } from 'knex';
import type { Logger } from '../../infra/logger';
import { createPalveluvaylaClient, type PalveluvaylaClient } from './client';
import { loadClientTls, loadXroadConfig } from './config';
import { createExchangeLog } from './exchange-log';
import { createSendMessage } from './send-message';
import { createAttachmentStorage } from '../attachments';
import { createAttachmentMessageBody } from '../attachments/message-body';

export { createPalveluvaylaClient, XroadCallError, type PalveluvaylaClient } from './client';
export { loadXroadConfig, type XroadConfig } from './config';
export { createExchangeLog, type ExchangeLog, type ExchangeMessage } from './exchange-log';
export type { SendMessageInput, SendMessageResult } from './send-message';

/** The exchange's activities: sending one queued message to the authority system. */
export function createPalveluvaylaActivities(db: Knex, client: PalveluvaylaClient, log: Logger) {
  return { sendMessage: createSendMessage(client, createExchangeLog(db), log, createAttachmentMessageBody(createAttachmentStorage(db))) };
}

/** The client from the environment (XROAD_*; the sandbox security server in development). */
export function palveluvaylaFromEnv(env: NodeJS.ProcessEnv = process.env): PalveluvaylaClient {
  const config = loadXroadConfig(env);
  return createPalveluvaylaClient(config, loadClientTls(config));
}
