/** The contract of the PTV catalogue synchronisation: its type, input and result. */
export const PTV_SYNC_WORKFLOW_TYPE = 'ptvCatalogueSync';
/** The Temporal schedule that runs the synchronisation. */
export const PTV_SYNC_SCHEDULE_ID = 'ptv-catalogue-sync';

export interface PtvSyncInput {
  /** Only these PTV organisations; all linked organisations when left out. */
  organisationIds?: string[];
}

/** What one organisation's synchronisation did, by platform service id. */
export interface PtvSyncOutcome {
  organisationId: string;
  updated: string[];
  unavailable: string[];
}

export interface PtvSyncResult {
  outcomes: PtvSyncOutcome[];
  /** Organisations whose sync failed after the activity's retries. */
  failed: { organisationId: string; message: string }[];
}
