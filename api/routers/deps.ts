import type { Client } from '@temporalio/client';
import type { ExchangeLog } from '../../activities/palveluvayla';
import type { ReadModel, ServiceCatalogue } from '../../activities/store';
import type { ValtuudetDeps } from '../../activities/valtuudet';
import type { CoreConfig } from '../../infra/config/core';
import type { ApiConfig } from '../config';
import type { FormValidator } from '../forms';
import type { ContactStore, NotificationLog } from '../../activities/notifications';
import type { ProjectStore } from '../projects/store';
import type { AttachmentStorage } from '../../activities/attachments';
import type { UsageLog } from '../usage-log';
import type { StartKeys } from './start-keys';

/** What the audience routers need; built once in api/app.ts. */
export interface RouterDeps {
  config: Pick<CoreConfig, 'TEMPORAL_TASK_QUEUE'> & Partial<Pick<ApiConfig, 'APPLICATION_START_TIMEOUT_MS'>>;
  temporal: Client;
  /** The read side in PostgreSQL: the applications read model and the service catalogue. */
  applications: ReadModel;
  services: ServiceCatalogue;
  /** Allocates the next application number. */
  nextApplicationId: () => Promise<string>;
  /** Idempotency-Keys of application starts. */
  startKeys: StartKeys;
  forms: FormValidator;
  usageLog: UsageLog;
  /** The exchange with authority systems over X-Road: each case's messages both ways (the disclosure log). */
  exchangeLog: ExchangeLog;
  /** Applicants' contact addresses and the notifications log (issue 6; activities/notifications). */
  contacts: ContactStore;
  notificationLog: NotificationLog;
  /** Applicants' projects (issue 6; api/projects). */
  projects: ProjectStore;
  /** Attachments' bytes and metadata (issue 6; activities/attachments). */
  attachments: AttachmentStorage;
  /** Suomi.fi e-Authorizations and this platform's record of whom each login acts for; absent when not configured. */
  valtuudet?: ValtuudetDeps;
}
