import type { Knex } from 'knex';
import type { AttachmentType, CommonDataFields, LocalizedText, RepresentationRule, ServiceSettings } from '../../workflows/application/messages';

/** A permit service as the catalogue lists it: the workflow's settings plus what people read. */
export interface PermitService extends ServiceSettings {
  descriptions: LocalizedText;
  /** Whether it takes applications now (see takesApplications). */
  active: boolean;
  /** Always present in the catalogue (only old cases' settings lack it). */
  attachments: NonNullable<ServiceSettings['attachments']>;
  commonDataFields: CommonDataFields | null;
}

export interface ServiceRow {
  id: string;
  names: LocalizedText;
  descriptions: LocalizedText;
  authority_id: string;
  handling_mode: ServiceSettings['handlingMode'];
  required_loa: ServiceSettings['requiredLoa'];
  form_schema: Record<string, unknown>;
  handling_time_days: number;
  supplement_deadline_days: number;
  draft_expiry_days: number;
  acknowledgement_deadline_days: number;
  appeal_period_days: number;
  representation: RepresentationRule;
  xroad_service: string | null;
  xroad_client: string | null;
  attachment_max_file_bytes: number;
  attachment_media_types: string[];
  attachment_types: AttachmentType[];
  common_data_fields: CommonDataFields | null;
  /** The platform's own switch: false pauses the service whatever PTV says (the PTV sync never touches it). */
  active: boolean;
  ptv_service_id: string | null;
  /** PTV's publishing status as last synchronised; null for a service not linked to PTV. */
  publishing_status: string | null;
}

/** A service takes applications while the platform has it switched on and PTV (if linked) publishes it. */
export const takesApplications = (row: Pick<ServiceRow, 'active' | 'ptv_service_id' | 'publishing_status'>): boolean =>
  row.active && (row.ptv_service_id === null || row.publishing_status === 'Published');

/** A permit_services row as the catalogue lists it. */
export function toService(row: ServiceRow): PermitService {
  return {
    id: row.id,
    names: row.names,
    descriptions: row.descriptions,
    authorityId: row.authority_id,
    handlingMode: row.handling_mode,
    requiredLoa: row.required_loa,
    formSchema: row.form_schema,
    handlingTimeDays: row.handling_time_days,
    supplementDeadlineDays: row.supplement_deadline_days,
    draftExpiryDays: row.draft_expiry_days,
    acknowledgementDeadlineDays: row.acknowledgement_deadline_days,
    appealPeriodDays: row.appeal_period_days,
    representation: row.representation,
    xroad: row.xroad_service && row.xroad_client ? { service: row.xroad_service, client: row.xroad_client } : null,
    attachments: { maxFileBytes: row.attachment_max_file_bytes, allowedMediaTypes: row.attachment_media_types, types: row.attachment_types },
    commonDataFields: row.common_data_fields,
    active: takesApplications(row),
  };
}

/** Read access to the permit services table (the API's public catalogue and the workflow's settings). */
export function createServiceCatalogue(db: Knex) {
  return {
    /** The services that take applications, ordered by id. */
    async list(): Promise<PermitService[]> {
      const rows: ServiceRow[] = await db('permit_services').where({ active: true })
        .andWhere((q) => q.whereNull('ptv_service_id').orWhere({ publishing_status: 'Published' })).orderBy('id');
      return rows.map(toService);
    },
    /** One service by id, taking applications or not; undefined when there is none. */
    async get(id: string): Promise<PermitService | undefined> {
      const row: ServiceRow | undefined = await db('permit_services').where({ id }).first();
      return row ? toService(row) : undefined;
    },
  };
}

export type ServiceCatalogue = ReturnType<typeof createServiceCatalogue>;
