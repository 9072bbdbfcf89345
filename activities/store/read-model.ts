import type { Knex } from 'knex';
import type {
  ApplicationStatus, ApplicationView, CloseReason, LevelOfAssurance, TimelineEntry,
} from '../../workflows/application/messages';

/** One line of a case list. */
export interface ApplicationSummary {
  applicationId: string;
  serviceId: string;
  authorityId: string | null;
  applicantName: string;
  organisationBusinessId: string | null;
  status: ApplicationStatus;
  closeReason: CloseReason | null;
  caseNumber: string | null;
  submittedAt: string | null;
  deadlineAt: string | null;
  /** The project the case belongs to (issue 6). */
  projectId: string | null;
  updatedAt: string;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

function toSummary(row: Record<string, any>): ApplicationSummary {
  return {
    applicationId: row.id,
    serviceId: row.service_id,
    authorityId: row.authority_id,
    applicantName: row.applicant_name,
    organisationBusinessId: row.organisation_business_id,
    status: row.status,
    closeReason: row.close_reason,
    caseNumber: row.case_number,
    submittedAt: iso(row.submitted_at),
    deadlineAt: iso(row.deadline_at),
    projectId: row.project_id,
    updatedAt: iso(row.updated_at) as string,
  };
}

const SUMMARY_COLUMNS = [
  'id', 'service_id', 'authority_id', 'applicant_name', 'organisation_business_id', 'status', 'close_reason',
  'case_number', 'submitted_at', 'deadline_at', 'project_id', 'updated_at',
];

/**
 * Reads of the applications read model, written by the workflow's recordEvents activity before each
 * update returns, so a user reads their own change at once. The API serves case reads from here; the
 * workflow stays the source of truth for every change (operators query it directly).
 */
export function createReadModel(db: Knex) {
  return {
    /** The applicant's own cases (by the keyed hash of their identity), newest first. */
    async listByApplicant(applicantRef: string): Promise<ApplicationSummary[]> {
      const rows = await db('applications').select(SUMMARY_COLUMNS).where({ applicant_ref: applicantRef }).orderBy('created_at', 'desc');
      return rows.map(toSummary);
    },
    /** The cases started on behalf of an organisation (by business id), newest first. */
    async listByOrganisation(businessId: string): Promise<ApplicationSummary[]> {
      const rows = await db('applications').select(SUMMARY_COLUMNS).where({ organisation_business_id: businessId }).orderBy('created_at', 'desc');
      return rows.map(toSummary);
    },
    /**
     * An authority's cases: submitted ones, and drafts whose applicant consents to the authority seeing
     * them (issue 6); other drafts belong to the applicant alone. Submitted first, newest first.
     */
    async listByAuthority(authorityId: string, filter: { status?: ApplicationStatus } = {}): Promise<ApplicationSummary[]> {
      const query = db('applications').select(SUMMARY_COLUMNS).where({ authority_id: authorityId })
        .andWhere((q) => q.whereNotNull('submitted_at').orWhere({ status: 'DRAFT', consent_given: true }));
      if (filter.status) query.andWhere({ status: filter.status });
      const rows = await query.orderByRaw('submitted_at DESC NULLS LAST, updated_at DESC');
      return rows.map(toSummary);
    },
    /**
     * One case: its summary, the view its last event left, its applicant's ref and the level of
     * assurance its service asks now (for access checks), in one round trip.
     */
    async get(id: string): Promise<{ summary: ApplicationSummary; applicantRef: string; view: ApplicationView; serviceRequiredLoa: LevelOfAssurance } | undefined> {
      const row = await db('applications').join('permit_services', 'permit_services.id', 'applications.service_id')
        .select('applications.*', 'permit_services.required_loa as service_required_loa').where('applications.id', id).first();
      return row ? { summary: toSummary(row), applicantRef: row.applicant_ref, view: row.view, serviceRequiredLoa: row.service_required_loa } : undefined;
    },
    /** The case's event log in order. */
    async timeline(id: string): Promise<TimelineEntry[]> {
      const rows = await db('case_events').where({ application_id: id }).orderBy('seq');
      return rows.map((r) => ({ seq: r.seq, type: r.type, at: iso(r.at) as string, actor: r.actor, status: r.status, data: r.data }));
    },
  };
}

export type ReadModel = ReturnType<typeof createReadModel>;
