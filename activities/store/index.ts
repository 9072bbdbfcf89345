import type { Knex } from 'knex';
import type { Logger } from '../../infra/logger';
import { createReceiptActivity } from './create-receipt';
import { createLoadServiceSettings } from './load-service-settings';
import { createRecordEvents } from './record-events';
import { createServiceCatalogue } from './service-catalogue';

export { createReadModel, type ApplicationSummary, type ReadModel } from './read-model';
export { createServiceCatalogue, type PermitService, type ServiceCatalogue } from './service-catalogue';
export type { RecordEventsInput } from './record-events';
export type { CreateReceiptInput } from './create-receipt';

/** The PostgreSQL store's activities: the case event log and read model, receipts, service settings. */
export function createStoreActivities(db: Knex, log: Logger) {
  return {
    recordEvents: createRecordEvents(db, log),
    createReceipt: createReceiptActivity(),
    loadServiceSettings: createLoadServiceSettings(createServiceCatalogue(db)),
  };
}
