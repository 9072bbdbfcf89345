import type { HeaderData } from '../framework/render';
import type { PagesDeps } from '../index';

/** Applicants' pages: the main menu, and whom the applicant acts for (from e-Authorizations) in the header. */
export function applicantHeader(deps: Pick<PagesDeps, 'valtuudet'>): HeaderData {
  return async (ctx) => {
    if (ctx.session?.kind !== 'applicant') return {};
    const path = ctx.req.path;
    const item = (href: string, key: string) => ({ href, text: ctx.t(`applicant:nav.${key}`), current: path.startsWith(href) });
    const chosen = await deps.valtuudet?.selections.current(ctx.session.id);
    return {
      nav: [item('/services', 'services'), item('/projects', 'projects'), item('/acting-for', 'actingFor'), item('/contact', 'contact')],
      actingFor: chosen ? chosen.principal.name : null,
    };
  };
}
