import type { Knex } from 'knex';
import type { Logger } from '../../infra/logger';
import type { ApplicationView, CaseEventType, TimelineEntry } from '../../workflows/application/messages';

export interface RecordEventInput {
  entry: TimelineEntry;
  /** The case right after the event: becomes the read model row. */
  view: ApplicationView;
  /** The deadline that matters for lists (supplement, handling, appeal), as the workflow computed it. */
  deadlineAt: string | null;
}

/** Events that call for an operator's attention. */
const ALERTS: readonly CaseEventType[] = ['ACKNOWLEDGEMENT_OVERDUE', 'HANDLING_DEADLINE_PASSED'];

/**
 * Builds the `recordEvent` activity. Idempotent: the event is keyed by (application, seq) and the read
 * model row only moves forward (last_seq < seq), so a retried or replayed write changes nothing.
 */
export function createRecordEvent(db: Knex, log: Logger) {
  return async function recordEvent({ entry, view, deadlineAt }: RecordEventInput): Promise<void> {
    const applicationId = view.applicationId;
    const inserted = await db.transaction(async (trx): Promise<{ seq: number }[]> => {
      // The row first: case_events refers to it.
      await trx('applications')
        .insert({ id: applicationId, ...readModelColumns(entry, view, deadlineAt) })
        .onConflict('id')
        .merge()
        .where('applications.last_seq', '<', entry.seq);
      return trx('case_events')
        .insert({
          application_id: applicationId,
          seq: entry.seq,
          type: entry.type,
          at: entry.at,
          status: entry.status,
          actor: JSON.stringify(entry.actor),
          data: JSON.stringify(entry.data),
        })
        .onConflict(['application_id', 'seq'])
        .ignore()
        .returning('seq');
    });
    if (inserted.length > 0 && ALERTS.includes(entry.type)) {
      log.warn({ event: entry.type.toLowerCase(), application_id: applicationId, authority_id: view.authorityId, seq: entry.seq }, 'case deadline alert');
    }
  };
}

function readModelColumns(entry: TimelineEntry, view: ApplicationView, deadlineAt: string | null) {
  return {
    service_id: view.serviceId,
    authority_id: view.authorityId,
    applicant_ref: view.applicant.ref,
    applicant_name: view.applicant.name,
    principal: view.principal ? JSON.stringify(view.principal) : null,
    organisation_business_id: view.principal?.kind === 'organisation' ? view.principal.businessId : null,
    status: view.status,
    close_reason: view.closeReason,
    case_number: view.caseNumber,
    submitted_at: view.submission?.submittedAt ?? null,
    receipt: view.submission ? JSON.stringify(view.submission) : null,
    deadline_at: deadlineAt,
    last_seq: entry.seq,
    view: JSON.stringify(view),
    updated_at: entry.at,
  };
}
