/**
 * The in-memory state of one application workflow and the views derived from it. Pure code: the
 * workflow owns the state, this module only reads it.
 */
import type { OutboundMessage } from './exchange';
import { elapsedMs, handlingDueAt, HandlingClock, idleClock, isRunning } from './handling-clock';
import type {
  ApplicationStatus, ApplicationView, Attachment, CloseReason, Decision, FormData, ServiceSettings,
  StartApplicationInput, SubmissionReceipt, SupplementRequest, TimelineEntry,
} from './messages';

export const DAY_MS = 86_400_000;

export interface CaseState {
  input: StartApplicationInput;
  service: ServiceSettings | null;
  status: ApplicationStatus;
  closeReason: CloseReason | null;
  draft: { version: number; form: FormData; savedAt: string | null };
  draftExpiresAt: number | null;
  submission: SubmissionReceipt | null;
  acknowledgementDueAt: number | null;
  caseNumber: string | null;
  supplementRequests: SupplementRequest[];
  decision: Decision | null;
  clock: HandlingClock;
  /** One-shot alerts already raised, so a deadline is reported once. */
  alerted: { acknowledgement: boolean; handling: boolean };
  /** xroad mode: messages for the authority system, in sending order (workflows/application/exchange.ts). */
  outbox: OutboundMessage[];
  /** Notifications (workflows/application/notifications.ts): off in histories from before them; reminders already sent, by deadline. */
  notices: { enabled: boolean; reminded: string[] };
  /** Whether the authority may see the draft (issue 6). */
  consent: { given: boolean; at: string | null };
  /** The files attached, in the order added (issue 6). */
  attachments: Attachment[];
  /** Ids of the attachments sealed by the submission or a supplement answer: these stay (workflows/application/attachments.ts). */
  sealedAttachmentIds: string[];
  timeline: TimelineEntry[];
  updatedAt: string;
}

export function initialState(input: StartApplicationInput, now: number): CaseState {
  return {
    input,
    service: null,
    status: 'STARTED',
    closeReason: null,
    draft: { version: 0, form: {}, savedAt: null },
    draftExpiresAt: null,
    submission: null,
    acknowledgementDueAt: null,
    caseNumber: null,
    supplementRequests: [],
    decision: null,
    clock: idleClock(),
    alerted: { acknowledgement: false, handling: false },
    outbox: [],
    notices: { enabled: false, reminded: [] },
    consent: { given: false, at: null },
    attachments: [],
    sealedAttachmentIds: [],
    timeline: [],
    updatedAt: iso(now),
  };
}

export const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

/** The supplement request waiting for an answer, if any. */
export function openRequest(state: CaseState): SupplementRequest | undefined {
  if (state.status !== 'SUPPLEMENT_REQUESTED') return undefined;
  return state.supplementRequests[state.supplementRequests.length - 1];
}

export function handlingDue(state: CaseState): number | null {
  return state.service ? handlingDueAt(state.clock, state.service.handlingTimeDays * DAY_MS) : null;
}

/** What the case looks like to its readers at `now`. */
export function toView(state: CaseState, now: number): ApplicationView {
  const { input, service } = state;
  const open = openRequest(state);
  return {
    applicationId: input.applicationId,
    serviceId: input.serviceId,
    authorityId: service?.authorityId ?? null,
    handlingMode: service?.handlingMode ?? null,
    status: state.status,
    closeReason: state.closeReason,
    applicant: input.applicant,
    principal: input.principal,
    draft: state.draft,
    submission: state.submission,
    caseNumber: state.caseNumber,
    supplementRequests: state.supplementRequests,
    decision: state.decision,
    deadlines: {
      draftExpiresAt: state.status === 'DRAFT' ? isoOrNull(state.draftExpiresAt) : null,
      acknowledgementDueAt: state.caseNumber === null && !isOver(state) ? isoOrNull(state.acknowledgementDueAt) : null,
      handlingDueAt: isoOrNull(handlingDue(state)),
      supplementDueAt: open?.deadline ?? null,
      appealEndsAt: state.decision?.appealPeriodEndsAt ?? null,
    },
    handlingClock: { elapsedMs: elapsedMs(state.clock, now), running: isRunning(state.clock) },
    projectId: input.project?.projectId ?? null,
    consent: state.consent,
    attachments: state.attachments,
    updatedAt: state.updatedAt,
  };
}

function isOver(state: CaseState): boolean {
  return state.status === 'CLOSED' || state.status === 'DECIDED' || state.status === 'FINAL';
}
