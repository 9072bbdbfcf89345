import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ErrorCode } from '../../workflows/error-codes';
import { SNIFFABLE_MEDIA_TYPES } from '../../activities/attachments/sniff';
import { MESSAGE_LIMITS } from '../../infra/xroad/lupa-interface';

// Adds `.openapi()` to zod types; called once here, before any schema is built.
extendZodWithOpenApi(z);

/** The shapes the API answers with, mirroring workflows/application/messages.ts for the document. */

export const Language = z.enum(['fi', 'sv', 'en']).openapi('Language');
export const LocalizedText = z.object({ fi: z.string(), sv: z.string(), en: z.string() }).openapi('LocalizedText');
export const LevelOfAssurance = z.enum(['low', 'substantial', 'high']).openapi('LevelOfAssurance');
export const ApplicationStatus = z
  .enum(['STARTED', 'IDENTITY_VERIFIED', 'MANDATE_CHECKED', 'DRAFT', 'SUBMITTED', 'DELIVERED', 'IN_HANDLING',
    'SUPPLEMENT_REQUESTED', 'DECIDED', 'FINAL', 'CLOSED'])
  .openapi('ApplicationStatus');
export const DecisionOutcome = z.enum(['APPROVED', 'REJECTED', 'PARTIALLY_APPROVED']).openapi('DecisionOutcome');
const Timestamp = z.iso.datetime({ offset: true });

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      requestId: z.string(),
      details: z.object({ fields: z.array(z.object({ path: z.string(), message: z.string() })).optional() }).catchall(z.unknown()).optional(),
    }),
  })
  .openapi('Error');

export const Actor = z
  .object({
    kind: z.enum(['applicant', 'official', 'system', 'authority-system']),
    ref: z.string(),
    name: z.string(),
    authorityId: z.string().optional(),
    onBehalfOf: z.unknown().optional(),
  })
  .openapi('Actor');

export const Principal = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('person'), identityCodeHash: z.string(), name: z.string() }),
    z.object({ kind: z.literal('organisation'), businessId: z.string(), name: z.string() }),
  ])
  .openapi('Principal');

export const SubmissionReceipt = z
  .object({ receiptId: z.string(), applicationId: z.string(), submittedAt: Timestamp, contentSha256: z.string().regex(/^[0-9a-f]{64}$/) })
  .openapi('SubmissionReceipt');

export const SupplementRequest = z
  .object({
    requestId: z.string(),
    message: z.string(),
    requestedAt: Timestamp,
    deadline: Timestamp,
    requestedBy: Actor,
    answeredAt: Timestamp.optional(),
    answer: z.object({ message: z.string(), contentSha256: z.string() }).optional(),
    lapsed: z.boolean().optional(),
  })
  .openapi('SupplementRequest');

export const Decision = z
  .object({
    outcome: DecisionOutcome,
    text: z.string(),
    decidedAt: Timestamp,
    decidedBy: Actor,
    appealPeriodEndsAt: Timestamp,
    finalAt: Timestamp.optional(),
    /** xroad mode: the decision document the authority system sent. */
    document: z.object({ messageId: z.string(), filename: z.string(), mediaType: z.string(), sizeBytes: z.number().int(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).optional(),
  })
  .openapi('Decision');

/** A file attached to a case (its bytes are downloaded separately). */
export const Attachment = z
  .object({
    id: z.string(), type: z.string(), filename: z.string(), mediaType: z.string(), size: z.number().int(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/), uploadedAt: Timestamp,
  })
  .openapi('Attachment');

const OptionalTime = Timestamp.nullable();
export const ApplicationView = z
  .object({
    applicationId: z.string(),
    serviceId: z.string(),
    authorityId: z.string().nullable(),
    handlingMode: z.enum(['portal', 'xroad']).nullable(),
    status: ApplicationStatus,
    closeReason: z.enum(['LOA_TOO_LOW', 'SESSION_INVALID', 'NO_MANDATE', 'DRAFT_EXPIRED', 'WITHDRAWN', 'SERVICE_UNAVAILABLE']).nullable(),
    applicant: z.object({ ref: z.string(), name: z.string() }),
    principal: Principal.nullable(),
    draft: z.object({ version: z.number().int(), form: z.record(z.string(), z.unknown()), savedAt: OptionalTime }),
    submission: SubmissionReceipt.nullable(),
    caseNumber: z.string().nullable(),
    supplementRequests: z.array(SupplementRequest),
    decision: Decision.nullable(),
    deadlines: z.object({
      draftExpiresAt: OptionalTime,
      acknowledgementDueAt: OptionalTime,
      handlingDueAt: OptionalTime,
      supplementDueAt: OptionalTime,
      appealEndsAt: OptionalTime,
    }),
    handlingClock: z.object({ elapsedMs: z.number(), running: z.boolean() }),
    projectId: z.string().nullable().openapi({ description: 'The project the application was started in.' }),
    consent: z.object({ given: z.boolean(), at: OptionalTime })
      .openapi({ description: 'Whether the authority may see the application before it is submitted; `at`: the last change.' }),
    attachments: z.array(Attachment).openapi({ description: 'The files attached, in the order added.' }),
    updatedAt: Timestamp,
  })
  .openapi('ApplicationView');

export const TimelineEntry = z
  .object({ seq: z.number().int(), type: z.string(), at: Timestamp, actor: Actor, status: ApplicationStatus, data: z.record(z.string(), z.unknown()) })
  .openapi('TimelineEntry');

/** A row of a case list, from the read model. */
export const ApplicationSummary = z
  .object({
    applicationId: z.string(),
    serviceId: z.string(),
    authorityId: z.string().nullable(),
    applicantName: z.string(),
    organisationBusinessId: z.string().nullable(),
    status: ApplicationStatus,
    closeReason: z.string().nullable(),
    caseNumber: z.string().nullable(),
    submittedAt: OptionalTime,
    deadlineAt: OptionalTime,
    projectId: z.string().nullable(),
    updatedAt: Timestamp,
  })
  .openapi('ApplicationSummary');

/** A service's attachment rules (issue 6); the admin API validates them with this schema too. */
export const AttachmentSettings = z
  .strictObject({
    maxFileBytes: z.number().int().min(1).max(MESSAGE_LIMITS.attachment)
      .openapi({ description: 'The largest file, in bytes; at most 10 MiB, the most one X-Road attachment message carries.' }),
    allowedMediaTypes: z.array(z.enum(SNIFFABLE_MEDIA_TYPES as [string, ...string[]])).min(1).max(10)
      .refine((types) => new Set(types).size === types.length, 'each media type once')
      .openapi({ description: 'Media types the service takes; each must be one the platform recognises from a file\'s first bytes.' }),
    types: z.array(z.strictObject({
      code: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected a code such as asemapiirros'),
      names: z.strictObject({ fi: z.string().min(1).max(200), sv: z.string().min(1).max(200), en: z.string().min(1).max(200) }),
      required: z.boolean(),
    })).min(1).max(50).refine((types) => new Set(types.map((t) => t.code)).size === types.length, 'each code once'),
  })
  .openapi('AttachmentSettings');

/** Where a project's common data goes in a service's form (issue 6); null: top-level fields of the items' names. */
const formPointer = z.string().regex(/^(\/[^/]+)+$/, 'expected a JSON Pointer to a form field such as /site/street').max(500);
export const CommonDataFields = z
  .strictObject({
    projectName: formPointer.optional(),
    projectDescription: formPointer.optional(),
    siteAddress: formPointer.optional(),
    siteMunicipality: formPointer.optional(),
    propertyId: formPointer.optional(),
  })
  .openapi('CommonDataFields', { description: 'Each project common data item → JSON Pointer to a string field of the form schema.' });

export const Service = z
  .object({
    id: z.string(),
    names: LocalizedText,
    descriptions: LocalizedText,
    authorityId: z.string(),
    handlingMode: z.enum(['portal', 'xroad']),
    requiredLoa: LevelOfAssurance,
    formSchema: z.record(z.string(), z.unknown()),
    handlingTimeDays: z.number().int(),
    supplementDeadlineDays: z.number().int(),
    draftExpiryDays: z.number().int(),
    acknowledgementDeadlineDays: z.number().int(),
    appealPeriodDays: z.number().int(),
    representation: z.object({
      organisationRoles: z.array(z.string()).openapi({ description: 'Trade-register role codes that entitle a representative of an organisation, e.g. TJ, NIMKO.' }),
      issueUris: z.array(z.string()).openapi({ description: 'Suomi.fi e-Authorizations issue URIs that entitle a representative.' }),
    }),
    xroad: z.object({ service: z.string(), client: z.string() }).nullable(),
    attachments: AttachmentSettings,
    commonDataFields: CommonDataFields.nullable(),
    active: z.boolean(),
  })
  .openapi('Service');

export const Me = z
  .object({
    kind: z.enum(['applicant', 'official']),
    idp: z.enum(['suomifi', 'virtu']),
    displayName: z.string(),
    loa: LevelOfAssurance,
    language: Language,
    authorityId: z.string().nullable(),
    permissions: z.array(z.enum(['case:read', 'case:handle', 'case:decide', 'operator', 'service:admin'])),
    csrfToken: z.string(),
    expiresAt: Timestamp,
  })
  .openapi('Me');

/** A workflow execution as Temporal visibility lists it; only search attributes, no personal data. */
export const OperatorCase = z
  .object({
    workflowId: z.string(),
    runId: z.string(),
    executionStatus: z.string(),
    startTime: Timestamp,
    closeTime: OptionalTime,
    service: z.string().nullable(),
    authority: z.string().nullable(),
    status: z.string().nullable(),
    organisation: z.string().nullable(),
    submittedAt: OptionalTime,
    deadline: OptionalTime,
  })
  .openapi('OperatorCase');

export const ComponentHealth = z.object({ status: z.enum(['ok', 'failing']), latencyMs: z.number(), message: z.string().optional() });
export const Health = z
  .object({ status: z.enum(['ok', 'failing']), components: z.record(z.string(), ComponentHealth) })
  .openapi('Health');

/** Path parameter of a case. */
export const CaseParams = z.strictObject({
  id: z.string().regex(/^LV-\d{4}-\d{6}$/, 'expected an application id like LV-2026-000001').openapi({ example: 'LV-2026-000001' }),
});
