import type { Client } from '@temporalio/client';
import express, { type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import type { Knex } from 'knex';
import { createExchangeLog } from '../activities/palveluvayla';
import type { PtvConfig } from '../activities/ptv/config';
import { createReadModel, createServiceCatalogue } from '../activities/store';
import type { ValtuudetDeps } from '../activities/valtuudet';
import type { CoreConfig } from '../infra/config/core';
import { AppError } from '../infra/errors';
import type { Logger } from '../infra/logger';
import { ErrorCode } from '../workflows/error-codes';
import { registerCatalogueMetrics } from './admin/catalogue-metrics';
import { catalogueRouteTables } from './admin/route-tables';
import { nextApplicationNumber } from './application-number';
import type { ApiConfig } from './config';
import { errorHandler, notFoundHandler } from './errors';
import { createFormValidator } from './forms';
import { coreHealthChecks, type HealthCheck } from './health';
import { createMetrics } from './metrics';
import { createPages } from './pages';
import { createContactStore, createNotificationLog } from '../activities/notifications';
import { createPiiCrypto } from '../infra/pii';
import { codecBody, codecRoutes } from './codec/routes';
import { contactRoutes } from './routers/contact';
import { notificationRoutes } from './routers/notifications';
import { authRouteSpecs } from './openapi/auth-routes';
import { buildOpenApiDocument } from './openapi/document';
import { accessLog, requestId } from './request-context';
import { enterRequestContext, resumeRequestContext } from './request-telemetry';
import { actingForRoutes } from './routers/acting-for';
import { attachmentRoutes, isAttachmentUpload } from './routers/attachments';
import { createAttachmentStorage } from '../activities/attachments';
import { applicantRoutes } from './routers/applicant';
import type { RouterDeps } from './routers/deps';
import { meRoutes } from './routers/me';
import { officialRoutes } from './routers/official';
import { operatorRoutes } from './routers/operator';
import { createProjectStore } from './projects/store';
import { projectRoutes } from './routers/projects';
import { publicRoutes } from './routers/public';
import { systemRoutes } from './routers/system';
import { createStartKeys } from './routers/start-keys';
import { createUsageLog } from './usage-log';
import { version } from '../package.json';

/** The login part, from api/session/auth-module.ts: the /auth routes and the middleware that puts the session on req. */
export interface AuthParts {
  router: Router;
  loadSession: RequestHandler;
  /** Probes of the login integrations (each IdP's metadata), shown by /health. */
  healthChecks?: Record<string, HealthCheck>;
  /** Origins a page's form may lead to through a redirect (the IdPs' single logout), for the pages' CSP. */
  formTargets?: () => Promise<string[]>;
}

export interface AppDeps {
  /** The API's own settings are optional here: their defaults apply when left out. */
  config: CoreConfig & Partial<ApiConfig>;
  db: Knex;
  temporal: Client;
  auth: AuthParts;
  logger: Logger;
  /** The PTV integration's settings (admin import, onboarding). */
  ptv: PtvConfig;
  /** Suomi.fi e-Authorizations (acting for others); absent: its routes answer 503 and nobody acts for others. */
  valtuudet?: ValtuudetDeps;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Builds the Express app: security headers, request ids, logging, sessions, the routers and the one error handler. */
export function createApp(deps: AppDeps): express.Express {
  const routerDeps: RouterDeps = {
    config: deps.config,
    temporal: deps.temporal,
    applications: createReadModel(deps.db),
    services: createServiceCatalogue(deps.db),
    nextApplicationId: () => nextApplicationNumber(deps.db),
    startKeys: createStartKeys(deps.db),
    forms: createFormValidator(),
    usageLog: createUsageLog(deps.db),
    exchangeLog: createExchangeLog(deps.db),
    contacts: createContactStore(deps.db, createPiiCrypto(deps.config.PII_ENCRYPTION_KEYS, deps.config.PII_HASH_KEY)),
    notificationLog: createNotificationLog(deps.db),
    attachments: createAttachmentStorage(deps.db),
    projects: createProjectStore(deps.db),
    valtuudet: deps.valtuudet,
  };
  const metrics = createMetrics();
  registerCatalogueMetrics(metrics.registry, deps.db);
  const tables = [publicRoutes(routerDeps), meRoutes(), applicantRoutes(routerDeps), officialRoutes(routerDeps), operatorRoutes(routerDeps)];
  tables.push(projectRoutes(routerDeps));
  tables.push(attachmentRoutes(routerDeps));
  tables.push(contactRoutes(routerDeps), notificationRoutes(routerDeps), codecRoutes({ temporal: deps.temporal, usageLog: routerDeps.usageLog, config: deps.config }));
  tables.push(actingForRoutes({ valtuudet: deps.valtuudet, db: deps.db, publicBaseUrl: deps.config.PUBLIC_BASE_URL, logger: deps.logger }));
  tables.push(...catalogueRouteTables({ db: deps.db, temporal: deps.temporal, taskQueue: deps.config.TEMPORAL_TASK_QUEUE, ptv: deps.ptv, usageLog: routerDeps.usageLog }));
  let document: unknown;
  const system = systemRoutes({
    checks: { ...coreHealthChecks(deps.temporal, deps.db), ...deps.auth.healthChecks },
    metrics,
    // Built on first request, once every route table exists, and kept: the routes do not change at run time.
    document: () => (document ??= buildOpenApiDocument([...system.specs, ...authRouteSpecs, ...tables.flatMap((t) => t.specs)], {
      version,
      serverUrl: deps.config.PUBLIC_BASE_URL,
    })),
  });

  const app = express();
  app.disable('x-powered-by');
  app.use(requestId, enterRequestContext, accessLog(deps.logger), metrics.measure, helmet());
  app.use('/api', requireJsonBody);
  app.use('/codec', codecBody);
  app.use(express.json({ limit: '256kb', type: ['application/json', 'application/*+json'] }));
  app.use(resumeRequestContext);
  app.use(deps.auth.loadSession);
  app.use(deps.auth.router);
  for (const table of [system, ...tables]) app.use(table.router);
  app.use(createPages({ ...routerDeps, db: deps.db, logger: deps.logger, publicBaseUrl: deps.config.PUBLIC_BASE_URL, formTargets: deps.auth.formTargets }));
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

/** API requests that carry a body must send it as JSON; anything else is refused before parsing. */
const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  // An attachment upload's body is the file itself, streamed (api/routers/attachments.ts).
  if (BODY_METHODS.has(req.method) && hasBody && !isAttachmentUpload(req) && !req.is(['application/json', 'application/*+json'])) {
    throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 'Send the request body as JSON (Content-Type: application/json).');
  }
  next();
};
