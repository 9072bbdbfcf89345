import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { z } from 'zod';
import { toService, type ServiceRow } from '../../activities/store/service-catalogue';
import { AppError, type FieldProblem } from '../../infra/errors';
import type { CommonDataFields } from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import { commonDataMapProblems } from '../projects/common-data-map';
import type { AdminService, ServiceSettingsBody } from './schemas';

type Settings = z.infer<typeof ServiceSettingsBody>;

const ajv = new Ajv2020({ strict: false });
addFormats(ajv);

/**
 * The settings as permit_services columns, after the checks a schema cannot express: the form
 * schema must compile, and the X-Road endpoint goes with the xroad mode only. `current` is the
 * row being changed (its mode and endpoint count when the body leaves them out).
 */
export function settingsColumns(
  settings: Settings,
  current?: { handling_mode: string; xroad_service: string | null; form_schema: Record<string, unknown>; common_data_fields: CommonDataFields | null },
) {
  const problems: FieldProblem[] = [];
  if (settings.formSchema) {
    try {
      ajv.compile(settings.formSchema);
    } catch (err) {
      problems.push({ path: 'formSchema', message: `The form schema does not compile: ${(err as Error).message}` });
    }
  }
  // The common data map must fit the schema new cases get, whichever of the two changes.
  const map = settings.commonDataFields !== undefined ? settings.commonDataFields : current?.common_data_fields;
  const schema = settings.formSchema ?? current?.form_schema;
  if (map && schema) problems.push(...commonDataMapProblems(map, schema));
  const mode = settings.handlingMode ?? current?.handling_mode ?? 'portal';
  const xroad = settings.xroad !== undefined ? settings.xroad : current?.xroad_service ? 'kept' : null;
  if (mode === 'xroad' && !xroad) problems.push({ path: 'xroad', message: 'An xroad service needs the authority\'s X-Road service and client.' });
  if (mode === 'portal' && settings.xroad) problems.push({ path: 'xroad', message: 'A portal service has no X-Road endpoint; leave it null.' });
  if (problems.length > 0) throw new AppError(ErrorCode.VALIDATION_FAILED, 'The service settings are not valid.', { fields: problems });

  const columns: Record<string, unknown> = {
    active: settings.enabled,
    handling_mode: settings.handlingMode,
    required_loa: settings.requiredLoa,
    representation: settings.representation && JSON.stringify(settings.representation),
    form_schema: settings.formSchema && JSON.stringify(settings.formSchema),
    handling_time_days: settings.handlingTimeDays,
    supplement_deadline_days: settings.supplementDeadlineDays,
    draft_expiry_days: settings.draftExpiryDays,
    acknowledgement_deadline_days: settings.acknowledgementDeadlineDays,
    appeal_period_days: settings.appealPeriodDays,
    attachment_max_file_bytes: settings.attachments?.maxFileBytes,
    attachment_media_types: settings.attachments && JSON.stringify(settings.attachments.allowedMediaTypes),
    attachment_types: settings.attachments && JSON.stringify(settings.attachments.types),
    common_data_fields: settings.commonDataFields === undefined ? undefined : settings.commonDataFields && JSON.stringify(settings.commonDataFields),
  };
  if (settings.xroad !== undefined || mode === 'portal') {
    columns.xroad_service = mode === 'portal' ? null : settings.xroad?.service;
    columns.xroad_client = mode === 'portal' ? null : settings.xroad?.client;
  }
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined));
}

const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

/** A permit_services row as the admin API shows it: the catalogue's service and its PTV state. */
export function toAdminService(row: ServiceRow & Record<string, any>): z.infer<typeof AdminService> {
  return {
    ...toService(row),
    enabled: row.active,
    ptv: {
      serviceId: row.ptv_service_id,
      organisationId: row.ptv_organisation_id,
      publishingStatus: row.publishing_status,
      modified: iso(row.ptv_modified),
      syncedAt: iso(row.synced_at),
    },
  };
}
