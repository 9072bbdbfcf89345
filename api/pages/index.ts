import type { Router } from 'express';
import type { Knex } from 'knex';
import type { Logger } from '../../infra/logger';
import type { RouterDeps } from '../routers/deps';
import { applicantHeader } from './applicant/header';
import { applicantPages } from './applicant/routes';
import { pageFramework } from './framework/router';
import { officialPages } from './official/router';

/** What the pages need: the same parts the JSON routers use (they call the same operations), and the database. */
export interface PagesDeps extends RouterDeps {
  db: Knex;
  logger: Logger;
  publicBaseUrl: string;
  /** Origins a page's form may lead to through a redirect, besides e-Authorizations (the IdPs' logout; api/app.ts AuthParts). */
  formTargets?: () => Promise<string[]>;
}

/** The server-rendered pages of applicants and officials (api/pages/framework does the rendering, languages and errors). */
export function createPages(deps: PagesDeps): Router {
  return pageFramework({
    logger: deps.logger,
    secure: deps.publicBaseUrl.startsWith('https:'),
    headerData: applicantHeader(deps),
    formTargets: async () => [
      ...(await deps.formTargets?.().catch(() => []) ?? []),
      ...(deps.valtuudet ? [deps.valtuudet.client.uiOrigin] : []),
    ],
    pages: [applicantPages(deps), officialPages(deps)],
  });
}
