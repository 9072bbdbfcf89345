import type { Client } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import type { Knex } from 'knex';
import { createPtvClient } from '../../activities/ptv/client';
import type { PtvConfig } from '../../activities/ptv/config';
import type { RouteTable } from '../openapi/route';
import { adminRoutes } from '../routers/admin';
import { surveyRoutes } from '../routers/survey';
import { createSurveyStore } from '../survey/store';
import type { UsageLog } from '../usage-log';
import { createOnboardingControl } from './onboarding';

/** The admin and survey routers (issue 5), built from what api/app.ts has. */
export function catalogueRouteTables(deps: { db: Knex; temporal: Client; taskQueue: string; ptv: PtvConfig; usageLog: UsageLog }): RouteTable[] {
  const surveys = createSurveyStore(deps.db);
  const onboarding = createOnboardingControl({
    temporal: deps.temporal, taskQueue: deps.taskQueue, recheckInterval: deps.ptv.ONBOARDING_RECHECK_INTERVAL as Duration,
  });
  return [
    adminRoutes({ db: deps.db, ptv: createPtvClient(deps.ptv), usageLog: deps.usageLog, surveys, onboarding }),
    surveyRoutes({ surveys }),
  ];
}
