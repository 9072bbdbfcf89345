import type { Knex } from 'knex';
import { takesApplications, type ServiceRow } from '../../activities/store/service-catalogue';
import { AppError } from '../../infra/errors';
import type { LocalizedText } from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import type { SurveyDefinition } from './schemas';

export interface StoredSurvey { id: string; authorityId: string; definition: SurveyDefinition; updatedAt: string }

const toSurvey = (row: Record<string, any>): StoredSurvey => ({
  id: row.id, authorityId: row.authority_id, definition: row.definition, updatedAt: new Date(row.updated_at).toISOString(),
});

/** The permit-need surveys in PostgreSQL, and the service names their results show. */
export function createSurveyStore(db: Knex) {
  return {
    async get(id: string): Promise<StoredSurvey> {
      const row = await db('permit_surveys').where({ id }).first();
      if (!row) throw new AppError(ErrorCode.NOT_FOUND, 'No such survey.');
      return toSurvey(row);
    },
    async list(): Promise<StoredSurvey[]> {
      return (await db('permit_surveys').orderBy('id')).map(toSurvey);
    },
    /**
     * Creates or replaces a survey of `authorityId` in one statement; a survey of another authority
     * with the same id is left alone and refused.
     */
    async save(id: string, authorityId: string, definition: SurveyDefinition, updatedBy: string): Promise<StoredSurvey> {
      const now = new Date();
      const rows = await db('permit_surveys')
        .insert({ id, authority_id: authorityId, definition: JSON.stringify(definition), updated_by: updatedBy, created_at: now, updated_at: now })
        .onConflict('id')
        .merge(['definition', 'updated_by', 'updated_at'])
        .where('permit_surveys.authority_id', authorityId)
        .returning('*');
      if (rows.length === 0) throw new AppError(ErrorCode.FORBIDDEN, 'A survey with this id belongs to another authority.');
      return toSurvey(rows[0]);
    },
    /** Every service of the catalogue by id (available or not), for checking and showing results. */
    async services(): Promise<Map<string, { names: LocalizedText; active: boolean }>> {
      const rows: (Pick<ServiceRow, 'id' | 'names' | 'active' | 'ptv_service_id' | 'publishing_status'>)[] = await db('permit_services')
        .select('id', 'names', 'active', 'ptv_service_id', 'publishing_status');
      return new Map(rows.map((r) => [r.id, { names: r.names, active: takesApplications(r) }]));
    },
  };
}

export type SurveyStore = ReturnType<typeof createSurveyStore>;
