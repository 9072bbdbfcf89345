/**
 * The contract of the permit application process: its input, the messages it accepts (updates,
 * queries) and the shapes it returns. api/ and test/ import this file, never workflow.ts.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export const APPLICATION_WORKFLOW_TYPE = 'permitApplication';

export type Language = 'fi' | 'sv' | 'en';
export type LocalizedText = Record<Language, string>;

/** How a permit service is handled: by officials in this platform, or by the authority's own system over X-Road. */
export type HandlingMode = 'portal' | 'xroad';

/** eIDAS levels of assurance, ordered; Suomi.fi ClassRefs map onto these (api/saml). */
export type LevelOfAssurance = 'low' | 'substantial' | 'high';
export const LOA_ORDER: readonly LevelOfAssurance[] = ['low', 'substantial', 'high'];

/** Whether a login of level `loa` is strong enough for a service that requires `required`. */
export function meetsLoa(loa: LevelOfAssurance, required: LevelOfAssurance): boolean {
  return LOA_ORDER.indexOf(loa) >= LOA_ORDER.indexOf(required);
}

/**
 * The longest texts (in characters) the process accepts. The API's request schemas and the update
 * validators both use these, so a text the API lets through is never refused after it was logged.
 * Environmental permit decisions run to tens of pages, hence the generous decision limit.
 */
export const TEXT_LIMITS = {
  caseNumber: 64,
  /** Supplement requests and answers. */
  message: 20_000,
  decisionText: 100_000,
  withdrawalReason: 2_000,
} as const;

export type ApplicationStatus =
  | 'STARTED'
  | 'IDENTITY_VERIFIED'
  | 'MANDATE_CHECKED'
  | 'DRAFT'
  | 'SUBMITTED'
  | 'DELIVERED'
  | 'IN_HANDLING'
  | 'SUPPLEMENT_REQUESTED'
  | 'DECIDED'
  | 'FINAL'
  | 'CLOSED';

/** Why a case closed without a final decision. */
export type CloseReason = 'LOA_TOO_LOW' | 'SESSION_INVALID' | 'NO_MANDATE' | 'DRAFT_EXPIRED' | 'WITHDRAWN' | 'SERVICE_UNAVAILABLE';

export type DecisionOutcome = 'APPROVED' | 'REJECTED' | 'PARTIALLY_APPROVED';

/** Settings of one permit service, as the workflow reads them at start (a snapshot for the case's lifetime). */
export interface ServiceSettings {
  id: string;
  names: LocalizedText;
  authorityId: string;
  handlingMode: HandlingMode;
  requiredLoa: LevelOfAssurance;
  /** JSON Schema (draft 2020-12) of the application form. */
  formSchema: Record<string, unknown>;
  /** Statutory handling time, counted from submission with the clock stopped during supplement requests. */
  handlingTimeDays: number;
  /** Default time the applicant has to answer a supplement request. */
  supplementDeadlineDays: number;
  /** A draft left untouched this long is closed. */
  draftExpiryDays: number;
  /** The authority should acknowledge a submission within this time; operators are alerted otherwise. */
  acknowledgementDeadlineDays: number;
  /** Appeal period after the decision is served; then the decision is final. */
  appealPeriodDays: number;
  /** Who may act for someone else in this service (Suomi.fi e-Authorizations; specs/valtuudet.md §6–7). */
  representation: RepresentationRule;
  /** xroad mode: the authority's X-Road service and the client allowed to answer over it; null in portal mode. */
  xroad: XroadEndpoint | null;
  /** Attachment limits and types; absent in cases started before attachments existed (then DEFAULT_ATTACHMENT_SETTINGS). */
  attachments?: AttachmentSettings;
  /** Where a project's common data goes in the form (api/projects/common-data-map.ts); absent or null: top-level fields of the items' names. */
  commonDataFields?: CommonDataFields | null;
}

/** A project's common data items, each mapped to a JSON Pointer to a string field of the form, e.g. `/site/street`. */
export type CommonDataFields = Partial<Record<'projectName' | 'projectDescription' | 'siteAddress' | 'siteMunicipality' | 'propertyId', string>>;

/** One kind of attachment a service takes, e.g. `asemapiirros` (site plan); a required one must be there on submit. */
export interface AttachmentType { code: string; names: LocalizedText; required: boolean }

/** A service's attachment rules: the largest file, the media types it takes, and its attachment types. */
export interface AttachmentSettings { maxFileBytes: number; allowedMediaTypes: string[]; types: AttachmentType[] }

/** The settings of a service that has none of its own (and of cases started before attachments existed). */
export const DEFAULT_ATTACHMENT_SETTINGS: AttachmentSettings = {
  maxFileBytes: 10 * 1024 * 1024,
  allowedMediaTypes: ['application/pdf', 'image/png', 'image/jpeg'],
  types: [{ code: 'muu', names: { fi: 'Muu liite', sv: 'Övrig bilaga', en: 'Other attachment' }, required: false }],
};

/** A file attached to a case: the case keeps this, the blob store the bytes. */
export interface Attachment {
  id: string;
  /** The attachment type's code. */
  type: string;
  filename: string;
  mediaType: string;
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  uploadedAt: string;
}

/**
 * What entitles a representative: for an organisation, any of the trade-register role codes (e.g. TJ,
 * NIMKO) or any of the issue URIs; for a person, a mandate for any of the issue URIs. Empty lists
 * mean nobody may act for others in this service.
 */
export interface RepresentationRule {
  organisationRoles: string[];
  issueUris: string[];
}

/** X-Road identifiers (specs/xroad.md A1) of an authority that handles a service in its own system. */
export interface XroadEndpoint {
  /** The authority's provider service, `INSTANCE/CLASS/CODE/SUBSYSTEM/SERVICECODE`. */
  service: string;
  /** The authority system's client subsystem, `INSTANCE/CLASS/CODE/SUBSYSTEM`, allowed to call the platform back. */
  client: string;
}

/** Whom the applicant acts for. `null` in the input means: for themselves. */
export type Principal =
  | { kind: 'person'; identityCodeHash: string; name: string }
  | { kind: 'organisation'; businessId: string; name: string };

/** Who did something. `ref` is pseudonymous: a keyed hash for persons, `localId@homeOrg` for officials. */
export interface Actor {
  /** `authority-system`: an authority's own case system over X-Road; `ref` is its X-Road client id. */
  kind: 'applicant' | 'official' | 'system' | 'authority-system';
  ref: string;
  name: string;
  /** For officials: the authority they act for. */
  authorityId?: string;
  /** For applicants acting for someone else. */
  onBehalfOf?: Principal | null;
  /**
   * For applicants: the level of assurance of the login they act with; the case refuses an act below
   * the service's requirement. Absent only in acts recorded before the field existed.
   */
  loa?: LevelOfAssurance;
}

export interface StartApplicationInput {
  applicationId: string;
  serviceId: string;
  /** Internal id of the verified login session (sessions.id), never the cookie token. */
  sessionRef: string;
  applicant: { ref: string; name: string };
  principal: Principal | null;
  language: Language;
  /** Started in a project (issue 6): the project and the form fields its common data fills in the first draft. */
  project?: { projectId: string; form: FormData };
}

export type FormData = Record<string, unknown>;

export interface SubmissionReceipt {
  receiptId: string;
  applicationId: string;
  submittedAt: string;
  /** Hex SHA-256 of the canonical JSON of the submitted form. */
  contentSha256: string;
}

export interface SupplementRequest {
  requestId: string;
  message: string;
  requestedAt: string;
  deadline: string;
  requestedBy: Actor;
  answeredAt?: string;
  answer?: { message: string; contentSha256: string };
  /** Set when the deadline passed without an answer. */
  lapsed?: boolean;
}

export interface Decision {
  outcome: DecisionOutcome;
  text: string;
  decidedAt: string;
  decidedBy: Actor;
  appealPeriodEndsAt: string;
  finalAt?: string;
  /** xroad mode: the decision document the authority system sent (stored in decision_documents). */
  document?: DecisionDocument;
}

/** A decision document received over X-Road: the case keeps its reference and hash, the store keeps the bytes. */
export interface DecisionDocument {
  /** The X-Road-Id of the decision message (decision_documents.message_id). */
  messageId: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export type CaseEventType =
  | 'STARTED'
  | 'IDENTITY_VERIFIED'
  | 'IDENTITY_REJECTED'
  | 'MANDATE_CHECKED'
  /** Suomi.fi e-Authorizations refused (or could not confirm) the mandate for an act; the act did not happen. */
  | 'MANDATE_REFUSED'
  /** The draft is open for the applicant (status DRAFT), with its expiry date. */
  | 'DRAFT_OPENED'
  | 'DRAFT_SAVED'
  /** A file was attached (type, filename, size, sha256; never its contents), or taken out again. */
  | 'ATTACHMENT_ADDED'
  | 'ATTACHMENT_REMOVED'
  | 'SUBMITTED'
  | 'DELIVERED'
  | 'ACKNOWLEDGED'
  | 'ACKNOWLEDGEMENT_OVERDUE'
  | 'SUPPLEMENT_REQUESTED'
  | 'SUPPLEMENTED'
  | 'SUPPLEMENT_DEADLINE_PASSED'
  | 'HANDLING_DEADLINE_PASSED'
  | 'DECIDED'
  /** xroad mode: the authority system reported a change in its own handling (status text; the case status stays). */
  | 'AUTHORITY_STATUS'
  /** xroad mode: a message to the authority system was refused for good; operators are alerted. */
  | 'EXCHANGE_FAILED'
  | 'FINAL'
  | 'WITHDRAWN'
  | 'DRAFT_EXPIRED'
  /** The applicant lets the authority see the draft before it is submitted (issue 6), or takes that back. */
  | 'CONSENT_GIVEN'
  | 'CONSENT_WITHDRAWN'
  | 'CLOSED';

/** One entry of the case's audit trail; `seq` is gap-free per case and makes writes idempotent. */
export interface TimelineEntry {
  seq: number;
  type: CaseEventType;
  at: string;
  actor: Actor;
  status: ApplicationStatus;
  data: Record<string, unknown>;
}

/** What the applicant, the official and the operator see of a case. */
export interface ApplicationView {
  applicationId: string;
  serviceId: string;
  authorityId: string | null;
  handlingMode: HandlingMode | null;
  status: ApplicationStatus;
  closeReason: CloseReason | null;
  applicant: { ref: string; name: string };
  principal: Principal | null;
  draft: { version: number; form: FormData; savedAt: string | null };
  submission: SubmissionReceipt | null;
  caseNumber: string | null;
  supplementRequests: SupplementRequest[];
  decision: Decision | null;
  deadlines: {
    draftExpiresAt: string | null;
    acknowledgementDueAt: string | null;
    handlingDueAt: string | null;
    supplementDueAt: string | null;
    appealEndsAt: string | null;
  };
  /** Statutory handling clock: time counted so far, and whether it is stopped (open supplement request). */
  handlingClock: { elapsedMs: number; running: boolean };
  /** The project the case was started in, if any (issue 6). */
  projectId: string | null;
  /** Whether the authority may see the case while it is a draft, and since when (issue 6). */
  consent: { given: boolean; at: string | null };
  /** The files attached to the case, in the order they were added (issue 6). */
  attachments: Attachment[];
  updatedAt: string;
}

// ── Inputs of the updates. Every act names its actor; the API fills it from the session. ──

export interface SaveDraftInput { actor: Actor; form: FormData; expectedVersion?: number }
/**
 * `sessionRef` (sessions.id of the login the act comes from; also on WithdrawInput): when the case acts for
 * a principal, the mandate is checked with that login's e-Authorizations choice; absent, the case's starting login's.
 */
export interface SubmitInput { actor: Actor; draftVersion: number; sessionRef?: string }
export interface SupplementInput { actor: Actor; requestId: string; message: string; form?: FormData; sessionRef?: string }
export interface WithdrawInput { actor: Actor; reason?: string; sessionRef?: string }
export interface AcknowledgeInput { actor: Actor; caseNumber: string }
export interface RequestSupplementInput { actor: Actor; message: string; deadline?: string }
export interface DecideInput { actor: Actor; outcome: DecisionOutcome; text: string; document?: DecisionDocument }
export interface AuthorityStatusInput { actor: Actor; status: string; text: string }
export interface SetConsentInput { actor: Actor; given: boolean; sessionRef?: string }
/** The API stores the bytes first, then tells the case; a refused update makes it delete them again. */
export interface AddAttachmentInput { actor: Actor; attachment: Attachment }
export interface RemoveAttachmentInput { actor: Actor; attachmentId: string }

// ── Updates (validators reject what the current state does not allow: nothing enters history). ──

/** Returns once the case has left STARTED (identity checked): DRAFT, or CLOSED with a reason. Used with update-with-start. */
export const openUpdate = defineUpdate<ApplicationView, []>('open');
export const saveDraftUpdate = defineUpdate<ApplicationView, [SaveDraftInput]>('saveDraft');
export const submitUpdate = defineUpdate<SubmissionReceipt, [SubmitInput]>('submit');
export const supplementUpdate = defineUpdate<ApplicationView, [SupplementInput]>('supplement');
export const withdrawUpdate = defineUpdate<ApplicationView, [WithdrawInput]>('withdraw');
export const acknowledgeUpdate = defineUpdate<ApplicationView, [AcknowledgeInput]>('acknowledge');
export const requestSupplementUpdate = defineUpdate<SupplementRequest, [RequestSupplementInput]>('requestSupplement');
export const decideUpdate = defineUpdate<Decision, [DecideInput]>('decide');
/** xroad mode: the authority system's own handling status changed. */
export const authorityStatusUpdate = defineUpdate<ApplicationView, [AuthorityStatusInput]>('authorityStatus');
/** The applicant gives or withdraws consent to the authority seeing the draft (issue 6). */
export const setConsentUpdate = defineUpdate<ApplicationView, [SetConsentInput]>('setConsent');
/** The applicant attaches a file (while DRAFT or answering a supplement request), or takes one out (issue 6). */
export const addAttachmentUpdate = defineUpdate<ApplicationView, [AddAttachmentInput]>('addAttachment');
export const removeAttachmentUpdate = defineUpdate<ApplicationView, [RemoveAttachmentInput]>('removeAttachment');

// ── Queries ──
export const statusQuery = defineQuery<ApplicationView>('status');
export const timelineQuery = defineQuery<TimelineEntry[]>('timeline');
/** The settings the case runs with, loaded at its start (null before): an administrator may have changed the catalogue's since. */
export const serviceSettingsQuery = defineQuery<ServiceSettings | null>('serviceSettings');

/** Statuses in which the applicant may still withdraw. */
export const WITHDRAWABLE: readonly ApplicationStatus[] = ['DRAFT', 'SUBMITTED', 'DELIVERED', 'IN_HANDLING', 'SUPPLEMENT_REQUESTED'];
/** Statuses in which the case is over. */
export const TERMINAL: readonly ApplicationStatus[] = ['FINAL', 'CLOSED'];
