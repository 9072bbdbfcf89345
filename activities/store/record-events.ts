import type { Knex } from 'knex';
import type { Logger } from '../../infra/logger';
import { countCaseEvents } from '../../infra/telemetry/case-metrics';
import type { ApplicationView, CaseEventType, TimelineEntry } from '../../workflows/application/messages';

export interface RecordEventsInput {
  /** The events one transition appended, in seq order. */
  entries: [TimelineEntry, ...TimelineEntry[]];
  /** The case right after the last of them: becomes the read model row. */
  view: ApplicationView;
  /** The deadline that matters for lists (supplement, handling, appeal), as the workflow computed it. */
  deadlineAt: string | null;
}

/** Events that call for an operator's attention (EXCHANGE_FAILED: a message an authority system refused for good). */
const ALERTS: readonly CaseEventType[] = ['ACKNOWLEDGEMENT_OVERDUE', 'HANDLING_DEADLINE_PASSED', 'EXCHANGE_FAILED'];

/**
 * Builds the `recordEvents` activity: one SQL statement (one round trip, atomic on its own) appends
 * the events and upserts the read model row. Idempotent: events are keyed by (application, seq) and
 * the row only moves forward (last_seq < the last event's seq), so a retried, replayed or overtaken
 * write changes nothing.
 */
export function createRecordEvents(db: Knex, log: Logger) {
  return async function recordEvents({ entries, view, deadlineAt }: RecordEventsInput): Promise<void> {
    const applicationId = view.applicationId;
    const last = entries[entries.length - 1];
    const readModel = db('applications')
      .insert({ id: applicationId, ...readModelColumns(last, view, deadlineAt) })
      .onConflict('id')
      .merge()
      .where('applications.last_seq', '<', last.seq);
    // case_events refers to the row: the foreign key is checked at the end of the statement, when both are in.
    const events = db('case_events')
      .insert(entries.map((entry) => ({
        application_id: applicationId,
        seq: entry.seq,
        type: entry.type,
        at: entry.at,
        status: entry.status,
        actor: JSON.stringify(entry.actor),
        data: JSON.stringify(entry.data),
      })))
      .onConflict(['application_id', 'seq'])
      .ignore()
      .returning(['seq', 'type']);
    const inserted: Pick<TimelineEntry, 'seq' | 'type'>[] = await db
      .with('read_model', readModel)
      .with('inserted', events)
      .select('seq', 'type')
      .from('inserted');
    countCaseEvents(inserted.map((e) => e.type));
    for (const { seq, type } of inserted) {
      if (ALERTS.includes(type)) {
        log.warn({ event: type.toLowerCase(), application_id: applicationId, authority_id: view.authorityId, seq }, 'case alert');
      }
    }
  };
}

function readModelColumns(last: TimelineEntry, view: ApplicationView, deadlineAt: string | null) {
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
    last_seq: last.seq,
    view: JSON.stringify(view),
    // Absent in views of cases started before projects and consent existed (issue 6).
    project_id: view.projectId ?? null,
    consent_given: view.consent?.given ?? false,
    updated_at: last.at,
  };
}
