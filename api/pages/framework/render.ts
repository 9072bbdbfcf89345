import path from 'node:path';
import type { Request, Response } from 'express';
import nunjucks from 'nunjucks';
import type { TFunction } from 'i18next';
import type { Language } from '../../../workflows/application/messages';
import type { Session } from '../../session/types';
import { allowFormTargets } from './csp';
import { fieldId } from './field-id';
import { addFilters } from './filters';
import { PAGE_LANGUAGES, type Translations } from './i18n';
import { loginHref } from './login';
import { pageLanguage } from './language';

/** Template folders, searched in order: a page names its template as `applicant/form.njk`, `official/queue.njk`, or `layout.njk`. */
const TEMPLATE_DIRS = [path.join(__dirname, 'templates'), path.join(__dirname, '..')];

/** A nunjucks environment that escapes every output by default (`| safe` is never needed for user text). */
export function createTemplates(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATE_DIRS, { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  env.addGlobal('fieldId', fieldId);
  addFilters(env);
  return env;
}

/** What every page handler gets: the request, the language and its translations, and ways to answer. */
export interface PageContext {
  req: Request;
  res: Response;
  language: Language;
  t: TFunction;
  session: Session | undefined;
  /** Renders `template` in the layout with `data`; the status defaults to 200. */
  render(template: string, data?: Record<string, unknown>, status?: number): Promise<void>;
  /** Post/Redirect/Get: 303 to a same-origin path. */
  redirect(to: string): void;
}

/** Something a part adds to every page it renders (e.g. whom the applicant acts for, in the header). */
export type HeaderData = (ctx: PageContext) => Promise<Record<string, unknown>> | Record<string, unknown>;

export interface RendererDeps {
  templates: nunjucks.Environment;
  translations: Translations;
  /** Whether cookies are Secure (the public origin is https). */
  secure: boolean;
  headerData?: HeaderData;
  /** Origins the pages' forms may lead to through a redirect (see csp.ts). */
  formTargets?: () => Promise<string[]>;
}

/** Builds the PageContext of a request: picks the language and binds rendering to it. */
export function createPageContext(deps: RendererDeps, req: Request, res: Response): PageContext {
  const language = pageLanguage(req, res, deps.secure);
  const t = deps.translations.forLanguage(language);
  const ctx: PageContext = {
    req,
    res,
    language,
    t,
    session: req.session,
    async render(template, data = {}, status = 200) {
      const header = deps.headerData && req.session ? await deps.headerData(ctx) : {};
      const html = deps.templates.render(template, { ...layoutData(ctx, data.pagePath), ...header, ...data });
      if (deps.formTargets) allowFormTargets(res, await deps.formTargets());
      res.status(status).type('html').set('Cache-Control', 'no-store').send(html);
    },
    redirect(to) {
      res.redirect(303, to);
    },
  };
  return ctx;
}

/**
 * What the layout needs: language, switcher links, the login state, the CSRF token for forms. A page a form
 * answered names the page's own address in `pagePath` (the form's address takes no GET), for the switcher.
 */
function layoutData(ctx: PageContext, pagePath: unknown): Record<string, unknown> {
  const { req, language, t, session } = ctx;
  const here = new URL(typeof pagePath === 'string' ? pagePath : req.originalUrl, 'http://page.invalid');
  here.searchParams.delete('lang');
  const current = `${here.pathname}${here.search}`;
  const switchTo = (lang: Language) => {
    const url = new URL(current, 'http://page.invalid');
    url.searchParams.set('lang', lang);
    return `${url.pathname}${url.search}`;
  };
  return {
    t,
    lang: language,
    languages: PAGE_LANGUAGES.map((code) => ({ code, href: switchTo(code), current: code === language, name: t(`common:languages.${code}`) })),
    session: session ? { kind: session.kind, displayName: session.displayName } : null,
    csrfToken: session?.csrfToken ?? '',
    currentPath: here.pathname,
    loginHref: loginHref(req, language),
  };
}
