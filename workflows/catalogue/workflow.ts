/**
 * Synchronises the permit service catalogue from PTV, one organisation at a time; a Temporal schedule
 * runs it (workers/ptv-sync-schedule.ts). Deterministic code only.
 */
import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { ErrorCode } from '../error-codes';
import type { PtvSyncInput, PtvSyncResult } from './messages';

// PTV's availability target is 99.5 %: retry for a while with backoff, then let the next run try again.
const ptv = proxyActivities<Pick<Activities, 'linkedPtvOrganisations' | 'syncPtvOrganisation'>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 6 },
});

/** Runs one synchronisation; fails (visible to operators in the schedule's runs) if any organisation could not be read. */
export async function ptvCatalogueSync(input: PtvSyncInput = {}): Promise<PtvSyncResult> {
  const organisationIds = input.organisationIds ?? await ptv.linkedPtvOrganisations();
  const result: PtvSyncResult = { outcomes: [], failed: [] };
  for (const organisationId of organisationIds) {
    try {
      result.outcomes.push(await ptv.syncPtvOrganisation(organisationId));
    } catch (err) {
      // One organisation's outage must not hold back the others.
      result.failed.push({ organisationId, message: err instanceof Error ? (err.cause as Error | undefined)?.message ?? err.message : String(err) });
    }
  }
  if (result.failed.length > 0) {
    throw ApplicationFailure.create({
      type: ErrorCode.PTV_SYNC_FAILED,
      message: `PTV could not be read for ${result.failed.map((f) => f.organisationId).join(', ')}.`,
      nonRetryable: true,
      details: [result],
    });
  }
  return result;
}
