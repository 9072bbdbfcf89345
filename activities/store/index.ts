import type { Knex } from 'knex';
import type { Logger } from '../../infra/logger';
import { createReceiptActivity } from './create-receipt';
import { createLoadServiceSettings } from './load-service-settings';
import { createRecordEvent } from './record-event';
import { createServiceCatalogue } from './service-catalogue';

export { createReadModel, type ApplicationSummary, type ReadModel } from './read-model';
export { createServiceCatalogue, type PermitService, type ServiceCatalogue } from './service-catalogue';
export type { RecordEventInput } from './record-event';
export type { CreateReceiptInput } from './create-receipt';

/** The PostgreSQL store's activities: the case event log and read model, receipts, service settings. */
export function createStoreActivities(db: Knex, log: Logger) {
  return {
    recordEvent: createRecordEvent(db, log),
    createReceipt: createReceiptActivity(),
    loadServiceSettings: createLoadServiceSettings(createServiceCatalogue(db)),
  };
}
