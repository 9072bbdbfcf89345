import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import type { Logger } from '../../infra/logger';
import type { LocalizedText } from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import type { PtvSyncOutcome } from '../../workflows/catalogue/messages';
import { PtvRequestRefused, type PtvCatalogueApi, type PtvService, type PtvTexts } from './catalogue-api';

interface LinkedRow { id: string; ptv_service_id: string; names: LocalizedText; descriptions: LocalizedText }

/** PTV's texts over the ones the catalogue has: a language PTV leaves out keeps its last text. */
const merge = (known: LocalizedText, fresh: PtvTexts): LocalizedText => ({
  fi: fresh.fi ?? known.fi, sv: fresh.sv ?? known.sv, en: fresh.en ?? known.en,
});

/** The catalogue synchronisation's activities: which organisations to read, and one organisation's sync. */
export function createPtvSyncActivities(db: Knex, ptv: PtvCatalogueApi, log: Logger) {
  /** Writes what PTV says of one service; one statement, so a service is never half-updated. */
  async function apply(row: LinkedRow, seen: PtvService | null, syncedAt: Date): Promise<'updated' | 'unavailable'> {
    const published = seen?.publishingStatus === 'Published';
    await db('permit_services').where({ id: row.id }).update({
      ...(seen ? {
        names: JSON.stringify(merge(row.names, seen.names)),
        descriptions: JSON.stringify(merge(row.descriptions, seen.descriptions)),
        ptv_modified: seen.modified,
        ...(seen.organisationId ? { ptv_organisation_id: seen.organisationId } : {}),
      } : {}),
      // PTV answers 404 for an archived service: it no longer publishes it. `active` is the platform's
      // own switch and stays as it is: the catalogue takes applications only while both allow it.
      publishing_status: seen?.publishingStatus ?? 'Deleted',
      synced_at: syncedAt,
      updated_at: syncedAt,
    });
    return published ? 'updated' : 'unavailable';
  }

  /** PTV's refusal (4xx) will not change on retry: the run reports it at once. */
  async function servicesOf(organisationId: string): Promise<PtvService[]> {
    try {
      return await ptv.servicesOfOrganisation(organisationId);
    } catch (err) {
      if (err instanceof PtvRequestRefused) throw ApplicationFailure.nonRetryable(err.message, ErrorCode.PTV_REQUEST_REFUSED);
      throw err;
    }
  }

  return {
    /** The PTV organisations of the authorities and linked services. */
    async linkedPtvOrganisations(): Promise<string[]> {
      const rows: { id: string }[] = await db.union([
        db('authorities').select('ptv_organisation_id as id').whereNotNull('ptv_organisation_id'),
        db('permit_services').select('ptv_organisation_id as id').whereNotNull('ptv_organisation_id'),
      ]);
      return [...new Set(rows.map((r) => r.id))].sort();
    },

    /**
     * Reads every published service of the organisation (all pages) and updates the catalogue rows
     * linked to them; a linked service missing from the list is asked for by id, and becomes
     * unavailable when PTV does not publish it. Services PTV has but the platform has not imported are left alone.
     */
    async syncPtvOrganisation(organisationId: string): Promise<PtvSyncOutcome> {
      const listed = new Map((await servicesOf(organisationId)).map((s) => [s.id, s]));
      const rows: LinkedRow[] = await db('permit_services')
        .select('id', 'ptv_service_id', 'names', 'descriptions')
        .where({ ptv_organisation_id: organisationId })
        .orWhereIn('ptv_service_id', [...listed.keys()])
        .orderBy('id');
      const outcome: PtvSyncOutcome = { organisationId, updated: [], unavailable: [] };
      const syncedAt = new Date();
      for (const row of rows) {
        const seen = listed.get(row.ptv_service_id) ?? await ptv.service(row.ptv_service_id);
        outcome[await apply(row, seen, syncedAt)].push(row.id);
      }
      if (outcome.unavailable.length > 0) {
        log.warn({ event: 'ptv_services_unavailable', organisation_id: organisationId, services: outcome.unavailable }, 'PTV no longer publishes these services');
      }
      return outcome;
    },
  };
}
