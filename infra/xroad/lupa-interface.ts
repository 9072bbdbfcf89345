/**
 * The lupaflow ↔ authority-system interface over Suomi.fi-palveluväylä: the service code the platform
 * provides, the paths of each message both ways and their bodies. Luvat ja valvonta publishes no such
 * interface (specs/xroad.md Part C), so this is lupaflow's own; the platform and the sandbox authority
 * system both read it here so they cannot drift apart.
 */
import { z } from 'zod';

/**
 * The platform's own subsystem in the sandbox (the development default of XROAD_CLIENT_ID): a made-up
 * member code, with a valid business id check digit, that no real organisation has. Production names
 * the platform's registered subsystem.
 */
export const SANDBOX_PLATFORM_CLIENT_ID = 'FI-TEST/GOV/1234567-1/lupaflow';

/** The service code of the platform's provider service (under its own subsystem, XROAD_CLIENT_ID). */
export const PLATFORM_SERVICE_CODE = 'viranomaisviestit';

/** Upper bounds of what either side accepts. A decision document is carried base64-encoded in JSON. */
export const MESSAGE_LIMITS = {
  /** Bytes of a JSON body without a document. */
  body: 256 * 1024,
  /** Bytes of a decision message, document included (base64 adds a third). */
  decisionBody: 8 * 1024 * 1024,
  /** Bytes of the decision document itself. */
  document: 5 * 1024 * 1024,
  /** Bytes of one attachment (the most a service may allow), carried base64-encoded in a message of its own. */
  attachment: 10 * 1024 * 1024,
  /** Bytes of an attachment message, the file's base64 included. */
  attachmentBody: 14 * 1024 * 1024,
} as const;

// ── Platform → authority (paths under the authority's service) ──
export const outboundPath = {
  application: () => '/applications',
  supplement: (applicationId: string) => `/applications/${encodeURIComponent(applicationId)}/supplements`,
  withdrawal: (applicationId: string) => `/applications/${encodeURIComponent(applicationId)}/withdrawal`,
  attachment: (applicationId: string) => `/applications/${encodeURIComponent(applicationId)}/attachments`,
};

export type OutboundType = keyof typeof outboundPath;

/** What an application or a supplement names of each file that follows it in an attachment message. */
export const AttachmentRef = z.strictObject({
  id: z.uuid(),
  type: z.string().min(1).max(64),
  filename: z.string().min(1).max(200),
  mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/),
  size: z.number().int().min(0).max(MESSAGE_LIMITS.attachment),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
/** One file of an application or supplement; the receiver checks its SHA-256 and keeps it once (by its id). */
export const AttachmentMessage = AttachmentRef.extend({ contentBase64: z.base64().max(Math.ceil(MESSAGE_LIMITS.attachment / 3) * 4) });

export const ApplicationMessage = z.strictObject({
  applicationId: z.string().min(1).max(64),
  serviceId: z.string().min(1).max(100),
  language: z.enum(['fi', 'sv', 'en']),
  /** Pseudonymous: the identity code never leaves the platform in a message body or header. */
  applicant: z.strictObject({ ref: z.string(), name: z.string() }),
  principal: z.unknown().nullable(),
  form: z.record(z.string(), z.unknown()),
  receipt: z.strictObject({ receiptId: z.string(), submittedAt: z.string(), contentSha256: z.string() }),
  attachments: z.array(AttachmentRef).max(100).optional(),
});
export const SupplementMessage = z.strictObject({
  requestId: z.string().min(1),
  message: z.string().min(1),
  form: z.record(z.string(), z.unknown()).nullable(),
  contentSha256: z.string(),
  answeredAt: z.string(),
  attachments: z.array(AttachmentRef).max(100).optional(),
});
export const WithdrawalMessage = z.strictObject({ reason: z.string().nullable(), withdrawnAt: z.string() });

// ── Authority → platform (paths under the platform's service) ──
export const INBOUND_TYPES = ['acknowledgement', 'supplement-request', 'status', 'decision'] as const;
export type InboundType = (typeof INBOUND_TYPES)[number];

export const inboundPath = (applicationId: string, type: InboundType) => `/cases/${encodeURIComponent(applicationId)}/${type}`;

export const AcknowledgementMessage = z.strictObject({ caseNumber: z.string().trim().min(1).max(64) });
export const SupplementRequestMessage = z.strictObject({
  message: z.string().trim().min(1).max(20_000),
  deadline: z.iso.datetime({ offset: true }),
});
export const StatusMessage = z.strictObject({
  status: z.string().trim().min(1).max(64),
  text: z.string().trim().min(1).max(2_000),
});
export const DecisionMessage = z.strictObject({
  outcome: z.enum(['APPROVED', 'REJECTED', 'PARTIALLY_APPROVED']),
  text: z.string().trim().min(1).max(100_000),
  document: z.strictObject({
    filename: z.string().min(1).max(200).regex(/^[^/\\]+$/, 'a file name, not a path'),
    mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'a media type such as application/pdf'),
    contentBase64: z.base64().max(Math.ceil(MESSAGE_LIMITS.document / 3) * 4),
  }),
});

/** The body schema of each inbound message type. */
export const INBOUND_SCHEMAS = {
  acknowledgement: AcknowledgementMessage,
  'supplement-request': SupplementRequestMessage,
  status: StatusMessage,
  decision: DecisionMessage,
} as const;
