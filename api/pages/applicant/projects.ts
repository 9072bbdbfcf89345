import type { Router } from 'express';
import { createProject, getProject, listProjects, startProjectApplication, updateProject } from '../../projects/operations';
import type { Session } from '../../session/types';
import { renderRefusal } from '../framework/forms';
import { applicantOf, page } from '../framework/page';
import type { PageContext } from '../framework/render';
import type { PagesDeps } from '../index';
import { actingFor } from './principal';
import { newStartKey, startKeyOf } from './start-key';

const FORM = 'applicant/templates/project-form.njk';
const PROJECT = 'applicant/templates/project.njk';

/** The common data as the project operations take it, from the posted form; an empty property identifier is left out. */
function commonData(body: Record<string, unknown>) {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  const propertyId = text('site.propertyId').trim();
  return { name: text('name'), description: text('description'), site: { address: text('site.address'), municipality: text('site.municipality'), ...(propertyId ? { propertyId } : {}) } };
}

/** Projects: the list, a new one with its common data, a project with its applications, editing the data, adding an application. */
export function projectPages(router: Router, deps: PagesDeps): void {
  const projectData = async (ctx: PageContext, session: Session, id: string) => ({
    project: await getProject(deps, session, id),
    serviceOptions: (await deps.services.list()).filter((s) => s.active).map((s) => ({ value: s.id, text: s.names[ctx.language] })),
    startKey: newStartKey(),
    pagePath: `/projects/${encodeURIComponent(id)}`,
  });

  router.get('/projects', page(async (ctx) => {
    const session = applicantOf(ctx);
    await ctx.render('applicant/templates/projects.njk', { title: ctx.t('applicant:projects.title'), projects: await listProjects(deps, session) });
  }));

  router.get('/projects/new', page(async (ctx) => {
    applicantOf(ctx);
    await ctx.render(FORM, { title: ctx.t('applicant:projects.new'), action: '/projects/new', values: {} });
  }));

  router.post('/projects/new', page(async (ctx) => {
    const session = applicantOf(ctx);
    try {
      // A project belongs to the applicant or to the organisation they act for (api/projects).
      const chosen = await actingFor(deps, session);
      const project = await createProject(deps, session, { ...commonData(ctx.req.body), ...(chosen?.kind === 'organisation' ? { principal: chosen } : {}) });
      ctx.redirect(`/projects/${project.id}`);
    } catch (err) {
      await renderRefusal(ctx, err, FORM, { title: ctx.t('applicant:projects.new'), action: '/projects/new', values: ctx.req.body });
    }
  }));

  router.get('/projects/:id', page(async (ctx) => {
    const session = applicantOf(ctx);
    const data = await projectData(ctx, session, String(ctx.req.params.id));
    const notice = ctx.req.query.saved ? ctx.t('applicant:projects.saved') : null;
    await ctx.render(PROJECT, { title: data.project.name, ...data, notice });
  }));

  router.get('/projects/:id/edit', page(async (ctx) => {
    const session = applicantOf(ctx);
    const project = await getProject(deps, session, String(ctx.req.params.id));
    const values = { name: project.name, description: project.description, 'site.address': project.site.address, 'site.municipality': project.site.municipality, 'site.propertyId': project.site.propertyId };
    await ctx.render(FORM, { title: ctx.t('applicant:projects.edit'), action: `/projects/${project.id}/edit`, project, values });
  }));

  router.post('/projects/:id/edit', page(async (ctx) => {
    const session = applicantOf(ctx);
    const id = String(ctx.req.params.id);
    try {
      await updateProject(deps, session, id, commonData(ctx.req.body));
      ctx.redirect(`/projects/${id}?saved=1`);
    } catch (err) {
      const project = await getProject(deps, session, id);
      await renderRefusal(ctx, err, FORM, { title: ctx.t('applicant:projects.edit'), action: `/projects/${id}/edit`, project, values: ctx.req.body });
    }
  }));

  router.post('/projects/:id/applications', page(async (ctx) => {
    const session = applicantOf(ctx);
    const id = String(ctx.req.params.id);
    const key = startKeyOf(ctx.req.body);
    try {
      const view = await startProjectApplication(deps, session, id, { serviceId: ctx.req.body.serviceId ?? '' }, key);
      ctx.redirect(`/applications/${encodeURIComponent(view.applicationId)}/form`);
    } catch (err) {
      const data = await projectData(ctx, session, id);
      await renderRefusal(ctx, err, PROJECT, { title: data.project.name, ...data, values: ctx.req.body });
    }
  }));
}
