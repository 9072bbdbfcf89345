/** Request and answer shapes of the admin API (service administrators, issue 5). */
import { z } from 'zod';
import { AttachmentSettings, CommonDataFields, LevelOfAssurance, Service } from '../openapi/schemas';

export const SERVICE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const days = z.number().int().min(1).max(3650);
const xroadMember = '[^/\\s]+/[^/\\s]+/[^/\\s]+/[^/\\s]+';

/** The platform's own settings of a permit service; every field optional when configuring. */
export const ServiceSettingsBody = z.strictObject({
  enabled: z.boolean().optional().openapi({ description: 'The platform\'s own switch: false pauses applications to the service; the PTV sync never turns it back on. Applications are taken only while PTV publishes the service too.' }),
  handlingMode: z.enum(['portal', 'xroad']).optional(),
  xroad: z.strictObject({
    service: z.string().regex(new RegExp(`^${xroadMember}/[^/\\s]+$`), 'expected INSTANCE/CLASS/CODE/SUBSYSTEM/SERVICECODE'),
    client: z.string().regex(new RegExp(`^${xroadMember}$`), 'expected INSTANCE/CLASS/CODE/SUBSYSTEM'),
  }).nullable().optional(),
  requiredLoa: LevelOfAssurance.optional(),
  representation: z.strictObject({
    organisationRoles: z.array(z.string().regex(/^[A-ZÅÄÖ]{1,10}$/, 'expected a trade-register role code such as TJ')).max(20),
    issueUris: z.array(z.url()).max(50),
  }).optional(),
  formSchema: z.record(z.string(), z.unknown()).optional().openapi({ description: 'JSON Schema (draft 2020-12) of the application form; must compile.' }),
  handlingTimeDays: days.optional(),
  supplementDeadlineDays: days.optional(),
  draftExpiryDays: days.optional(),
  acknowledgementDeadlineDays: days.optional(),
  appealPeriodDays: days.optional(),
  attachments: AttachmentSettings.optional(),
  commonDataFields: CommonDataFields.nullable().optional().openapi({ description: 'Where a project\'s common data goes in the form: each pointer must name a string field of the form schema; null: top-level fields named projectName, siteAddress, ….' }),
}).openapi('ServiceSettings');

export const ImportServiceBody = ServiceSettingsBody.extend({
  serviceId: z.string().regex(SERVICE_ID, 'expected a service id such as ymparistolupa'),
  ptvServiceId: z.uuid().openapi({ description: 'The service\'s id in the Suomi.fi Service Catalogue (PTV).' }),
  formSchema: z.record(z.string(), z.unknown()).openapi({ description: 'JSON Schema (draft 2020-12) of the application form; must compile.' }),
}).openapi('ImportService');

export const AdminService = Service.extend({
  /** The platform's own switch (`active` says whether applications are taken: this switch and PTV's status). */
  enabled: z.boolean(),
  ptv: z.object({
    serviceId: z.string().nullable(),
    organisationId: z.string().nullable(),
    publishingStatus: z.string().nullable(),
    modified: z.string().nullable(),
    syncedAt: z.string().nullable(),
  }),
}).openapi('AdminService');

export const ServiceParams = z.strictObject({ serviceId: z.string().regex(SERVICE_ID, 'expected a service id such as ymparistolupa') });

export const OnboardingChecklist = z.object({
  authorityId: z.string(),
  checkedAt: z.string(),
  complete: z.boolean(),
  checks: z.array(z.object({
    check: z.enum(['ptv-published', 'ptv-channel', 'virtu-login', 'representation', 'xroad-metadata']),
    subject: z.string().nullable(),
    passed: z.boolean(),
    finding: z.string(),
    whatToDo: z.string().nullable(),
  })),
}).openapi('OnboardingChecklist');
