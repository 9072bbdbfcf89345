import type { Knex } from 'knex';
import type { LocalizedText, Principal } from '../../workflows/application/messages';

/** A project's common data, entered once and filled into each of its applications' forms. */
export interface CommonData {
  name: string;
  description: string;
  site: { address: string; municipality: string; propertyId?: string };
}

/** A projects row as the API composes it. */
export interface ProjectRecord extends CommonData {
  id: string;
  /** Keyed hash of the creator's identity code, as applications.applicant_ref. */
  ownerRef: string;
  /** The organisation the project belongs to, when its creator acted for one. */
  onBehalfOf: Extract<Principal, { kind: 'organisation' }> | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (value: Date | string): string => new Date(value).toISOString();

function toRecord(row: Record<string, any>): ProjectRecord {
  return {
    id: row.id,
    ownerRef: row.owner_ref,
    onBehalfOf: row.on_behalf_of,
    name: row.name,
    description: row.description,
    site: row.site,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** The projects table, and the names the project view shows beside each of its applications. */
export function createProjectStore(db: Knex) {
  return {
    async create(input: CommonData & { id: string; ownerRef: string; onBehalfOf: ProjectRecord['onBehalfOf'] }): Promise<ProjectRecord> {
      const [row] = await db('projects').insert({
        id: input.id,
        owner_ref: input.ownerRef,
        on_behalf_of: input.onBehalfOf ? JSON.stringify(input.onBehalfOf) : null,
        organisation_business_id: input.onBehalfOf?.businessId ?? null,
        name: input.name,
        description: input.description,
        site: JSON.stringify(input.site),
      }).returning('*');
      return toRecord(row);
    },
    async get(id: string): Promise<ProjectRecord | undefined> {
      const row = await db('projects').where({ id }).first();
      return row ? toRecord(row) : undefined;
    },
    /** The projects of an applicant and, if they act for one now, of an organisation; newest first. */
    async list(ownerRef: string, businessId: string | undefined): Promise<ProjectRecord[]> {
      const rows = await db('projects')
        .where({ owner_ref: ownerRef })
        .modify((q) => { if (businessId) q.orWhere({ organisation_business_id: businessId }); })
        .orderBy('created_at', 'desc');
      return rows.map(toRecord);
    },
    async updateCommonData(id: string, data: CommonData): Promise<ProjectRecord> {
      const [row] = await db('projects').where({ id })
        .update({ name: data.name, description: data.description, site: JSON.stringify(data.site), updated_at: db.fn.now() })
        .returning('*');
      return toRecord(row);
    },
    /** Each service's names and its authority's, for the services named. */
    async serviceNames(serviceIds: string[]): Promise<Map<string, { serviceNames: LocalizedText; authorityNames: LocalizedText }>> {
      const rows = await db('permit_services').join('authorities', 'authorities.id', 'permit_services.authority_id')
        .whereIn('permit_services.id', serviceIds)
        .select('permit_services.id', 'permit_services.names as service_names', 'authorities.names as authority_names');
      return new Map(rows.map((r) => [r.id, { serviceNames: r.service_names, authorityNames: r.authority_names }]));
    },
  };
}

export type ProjectStore = ReturnType<typeof createProjectStore>;
