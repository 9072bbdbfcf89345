import type { Knex } from 'knex';
import { z } from 'zod';
import type { PtvCatalogueApi } from '../../activities/ptv/catalogue-api';
import { AppError } from '../../infra/errors';
import { ErrorCode } from '../../workflows/error-codes';
import { importService } from '../admin/import-service';
import type { OnboardingControl } from '../admin/onboarding';
import { AdminService, ImportServiceBody, OnboardingChecklist, ServiceParams, ServiceSettingsBody } from '../admin/schemas';
import { settingsColumns, toAdminService } from '../admin/service-rows';
import { RouteTable } from '../openapi/route';
import { checkSurveyDefinition } from '../survey/check-definition';
import { StoredSurvey, SurveyDefinition, SurveyParams } from '../survey/schemas';
import type { SurveyStore } from '../survey/store';
import type { UsageLog } from '../usage-log';

export interface AdminDeps {
  db: Knex;
  ptv: PtvCatalogueApi;
  usageLog: UsageLog;
  surveys: SurveyStore;
  onboarding: OnboardingControl;
}

const tag = 'Service administration';
const PURPOSE = 'service administration';
const admin = { access: 'official', permission: 'service:admin', tag } as const;

/**
 * Service administrators (Virtu entitlement lupaflow:palveluhallinnoija) manage their own
 * authority's permit services, surveys and onboarding. Every call is written to the usage log first.
 */
export function adminRoutes(deps: AdminDeps): RouteTable {
  const ownService = async (authorityId: string, serviceId: string) => {
    const row = await deps.db('permit_services').where({ id: serviceId, authority_id: authorityId }).first();
    if (!row) throw new AppError(ErrorCode.NOT_FOUND, 'Your authority has no such permit service.');
    return row;
  };

  return new RouteTable()
    .add({
      ...admin, method: 'get', path: '/api/v1/admin/services',
      summary: 'Lists the authority\'s permit services with their settings and PTV state, available or not.',
      response: { status: 200, description: 'The services.', schema: z.array(AdminService) },
    }, async ({ req, session }) => {
      await deps.usageLog.record(req, 'admin.services', [], PURPOSE);
      const rows = await deps.db('permit_services').where({ authority_id: session().authorityId }).orderBy('id');
      return rows.map(toAdminService);
    })
    .add({
      ...admin, method: 'post', path: '/api/v1/admin/services', body: ImportServiceBody,
      summary: 'Imports a permit service from PTV by its PTV id, with the platform\'s settings for it.',
      response: { status: 201, description: 'The imported service.', schema: AdminService },
      errors: [ErrorCode.PTV_SERVICE_UNKNOWN, ErrorCode.PTV_SERVICE_NOT_PUBLISHED, ErrorCode.ALREADY_EXISTS, ErrorCode.PTV_REQUEST_REFUSED, ErrorCode.DEPENDENCY_UNAVAILABLE],
    }, async ({ req, session, body }) => {
      await deps.usageLog.record(req, 'admin.service_import', [], PURPOSE);
      return toAdminService(await importService(deps.db, deps.ptv, session().authorityId!, body));
    })
    .add({
      ...admin, method: 'put', path: '/api/v1/admin/services/:serviceId', params: ServiceParams, body: ServiceSettingsBody,
      summary: 'Changes the platform\'s settings of a service; new cases run with them, running cases keep theirs.',
      response: { status: 200, description: 'The service.', schema: AdminService },
      errors: [ErrorCode.NOT_FOUND],
    }, async ({ req, session, params, body }) => {
      const current = await ownService(session().authorityId!, params.serviceId);
      const columns = settingsColumns(body, current);
      await deps.usageLog.record(req, 'admin.service_configure', [], PURPOSE);
      const [row] = await deps.db('permit_services').where({ id: current.id }).update({ ...columns, updated_at: new Date() }).returning('*');
      return toAdminService(row);
    })
    .add({
      ...admin, method: 'get', path: '/api/v1/admin/surveys',
      summary: 'Lists the authority\'s permit-need surveys.',
      response: { status: 200, description: 'The surveys.', schema: z.array(StoredSurvey) },
    }, async ({ req, session }) => {
      await deps.usageLog.record(req, 'admin.surveys', [], PURPOSE);
      return (await deps.surveys.list()).filter((s) => s.authorityId === session().authorityId);
    })
    .add({
      ...admin, method: 'put', path: '/api/v1/admin/surveys/:surveyId', params: SurveyParams, body: SurveyDefinition,
      summary: 'Creates or replaces a permit-need survey; its rules must name existing questions, options and services.',
      response: { status: 200, description: 'The survey.', schema: StoredSurvey },
      errors: [ErrorCode.FORBIDDEN],
    }, async ({ req, session, params, body }) => {
      checkSurveyDefinition(body, new Set((await deps.surveys.services()).keys()));
      await deps.usageLog.record(req, 'admin.survey_save', [], PURPOSE);
      const s = session();
      return deps.surveys.save(params.surveyId, s.authorityId!, body, s.subjectRef);
    })
    .add({
      ...admin, method: 'post', path: '/api/v1/admin/onboarding',
      summary: 'Starts the authority\'s onboarding, or re-checks it now; answers with the checklist.',
      response: { status: 200, description: 'The checklist; each failed check says what to do.', schema: OnboardingChecklist },
    }, async ({ req, session }) => {
      await deps.usageLog.record(req, 'admin.onboarding_check', [], PURPOSE);
      return deps.onboarding.recheck(session().authorityId!);
    })
    .add({
      ...admin, method: 'get', path: '/api/v1/admin/onboarding',
      summary: 'The onboarding checklist as last checked.',
      response: { status: 200, description: 'The checklist.', schema: OnboardingChecklist },
      errors: [ErrorCode.NOT_FOUND],
    }, async ({ req, session }) => {
      await deps.usageLog.record(req, 'admin.onboarding_read', [], PURPOSE);
      return deps.onboarding.checklist(session().authorityId!);
    })
    .add({
      ...admin, method: 'post', path: '/api/v1/admin/onboarding/connect-channel',
      summary: 'Creates this platform\'s e-service channel in PTV if missing and connects the authority\'s services to it, then re-checks.',
      response: { status: 200, description: 'The checklist after the change.', schema: OnboardingChecklist },
      errors: [ErrorCode.PTV_REQUEST_REFUSED, ErrorCode.DEPENDENCY_UNAVAILABLE],
    }, async ({ req, session }) => {
      await deps.usageLog.record(req, 'admin.onboarding_connect', [], PURPOSE);
      return deps.onboarding.connectChannel(session().authorityId!);
    });
}
