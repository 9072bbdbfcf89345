import path from 'node:path';
import express, { type Router } from 'express';
import type { Logger } from '../../../infra/logger';
import { requireFormCsrf } from './csrf';
import { pageErrorHandler, pageNotFound } from './errors';
import { createTranslations } from './i18n';
import { page } from './page';
import { createPageContext, createTemplates, type HeaderData, type RendererDeps } from './render';

const ASSETS_DIR = path.join(__dirname, 'assets');
const PAGES = Symbol('lupaflow pages');

/** Whether an Express handler is the pages' router: HTML pages are not routes of the JSON API's OpenAPI document. */
export const isPageRouter = (handler: unknown): boolean => typeof handler === 'function' && PAGES in handler;

export interface PageFrameworkOptions {
  logger: Logger;
  /** Whether cookies are Secure (the public origin is https). */
  secure: boolean;
  headerData?: HeaderData;
  /** Origins the pages' forms may lead to through a redirect (the IdPs' logout, e-Authorizations). */
  formTargets?: () => Promise<string[]>;
  /** The routers of the page parts (applicant, official), mounted in this order. */
  pages: Router[];
}

/**
 * The pages: /assets, form bodies (urlencoded; multipart is read by the page that takes files), the form
 * CSRF check, a PageContext per request, the page routers, the accessibility statement, and HTML errors.
 * Mounted at the root after the JSON API, whose /api middleware never sees these requests' bodies.
 */
export function pageFramework(opts: PageFrameworkOptions): Router {
  const renderer: RendererDeps = { templates: createTemplates(), translations: createTranslations(), secure: opts.secure, headerData: opts.headerData, formTargets: opts.formTargets };
  const router = express.Router();
  // The JSON API keeps its own body rules and error format: its unmatched paths pass straight on to its 404.
  router.use((req, _res, next) => next(req.path === '/api' || req.path.startsWith('/api/') ? 'router' : undefined));
  router.use('/assets', express.static(ASSETS_DIR, { maxAge: '1h' }));
  router.use(express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 500 }));
  router.use((req, res, next) => {
    res.locals.page = createPageContext(renderer, req, res);
    next();
  });
  router.use(requireFormCsrf);
  router.get('/accessibility', page((ctx) => ctx.render('accessibility.njk', { title: ctx.t('accessibility.title') })));
  for (const pages of opts.pages) router.use(pages);
  router.use(pageNotFound);
  router.use(pageErrorHandler(renderer, opts.logger));
  return Object.assign(router, { [PAGES]: true });
}
