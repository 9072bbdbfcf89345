/**
 * Projects (issue 6): an applicant's bundle of permit applications to different authorities, with
 * common data entered once. The routes (api/routers/projects.ts) and the pages call these functions.
 * A project is an entity the API composes, not a workflow: each application keeps its own workflow,
 * authority, exchange and state, and nothing needs deciding across them (README, "Projects and consent").
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../infra/errors';
import type { ApplicationView, Principal } from '../../workflows/application/messages';
import { ErrorCode } from '../../workflows/error-codes';
import { chosenPrincipal } from '../acting-for/chosen-principal';
import { applicantList, representedOrganisation } from '../acting-for/organisation-cases';
import type { RouterDeps } from '../routers/deps';
import { startApplication } from '../routers/start-application';
import type { Session } from '../session/types';
import { withCommonData } from './common-form';
import { propagateCommonData } from './propagate';
import { CommonDataBody, CreateProjectBody, ProjectApplicationBody, ProjectParams, type Project, type ProjectUpdate } from './schemas';
import type { ProjectRecord } from './store';
import { validInput } from './valid-input';

export type ProjectView = z.infer<typeof Project>;
export type ProjectUpdateView = z.infer<typeof ProjectUpdate>;

const notFound = () => new AppError(ErrorCode.NOT_FOUND, 'No such project.');

/**
 * The project if the applicant may use it: they created it, or it belongs to the organisation they act
 * for in this login (as e-Authorizations answers now). Anyone else's answers like a missing one.
 */
async function usableProject(deps: RouterDeps, session: Session, id: string): Promise<ProjectRecord> {
  if (!ProjectParams.safeParse({ id }).success) throw notFound();
  const project = await deps.projects.get(id);
  if (!project) throw notFound();
  if (project.ownerRef === session.subjectRef) return project;
  const org = project.onBehalfOf?.businessId;
  if (org && deps.valtuudet && (await representedOrganisation(deps.valtuudet, session))?.businessId === org) return project;
  throw notFound();
}

/** The projects as the applicant sees them, each with the applications of it they may read (api/acting-for). */
async function composed(deps: RouterDeps, session: Session, projects: ProjectRecord[]): Promise<ProjectView[]> {
  const ids = new Set(projects.map((p) => p.id));
  const cases = (await applicantList(deps, session)).filter((c) => c.projectId !== null && ids.has(c.projectId));
  const names = await deps.projects.serviceNames([...new Set(cases.map((c) => c.serviceId))]);
  return projects.map(({ ownerRef: _owner, ...project }) => ({
    ...project,
    applications: cases.filter((c) => c.projectId === project.id).map((c) => ({
      ...c, serviceNames: names.get(c.serviceId)?.serviceNames ?? null, authorityNames: names.get(c.serviceId)?.authorityNames ?? null,
    })),
  }));
}

/** Creates a project, the applicant's own or (`principal`) the organisation's they chose to act for in this login. */
export async function createProject(deps: RouterDeps, session: Session, input: unknown): Promise<ProjectView> {
  const { principal, ...data } = validInput(CreateProjectBody, input);
  const onBehalfOf = principal ? await chosenPrincipal(deps.valtuudet?.selections, session, principal) as Extract<Principal, { kind: 'organisation' }> : null;
  const record = await deps.projects.create({ id: randomUUID(), ownerRef: session.subjectRef, onBehalfOf, ...data });
  const [project] = await composed(deps, session, [record]);
  return project;
}

/** The applicant's projects and those of the organisation they act for, newest first. */
export async function listProjects(deps: RouterDeps, session: Session): Promise<ProjectView[]> {
  const org = deps.valtuudet ? await representedOrganisation(deps.valtuudet, session) : undefined;
  return composed(deps, session, await deps.projects.list(session.subjectRef, org?.businessId));
}

/** One project with its applications, their status, service and authority. */
export async function getProject(deps: RouterDeps, session: Session, id: string): Promise<ProjectView> {
  const [project] = await composed(deps, session, [await usableProject(deps, session, id)]);
  return project;
}

/**
 * Replaces the project's common data and fills it into each of its drafts; applications past the
 * draft keep what they were submitted with. The answer says which applications took the change.
 */
export async function updateProject(deps: RouterDeps, session: Session, id: string, input: unknown): Promise<ProjectUpdateView> {
  const data = validInput(CommonDataBody, input);
  const project = await usableProject(deps, session, id);
  const propagation = await propagateCommonData(deps, session, (await getProject(deps, session, project.id)).applications, data,
    () => deps.projects.updateCommonData(project.id, data));
  return { ...(await getProject(deps, session, project.id)), propagation };
}

/**
 * Starts an application in the project, with the same checks as any start (service, level of assurance,
 * mandate for the project's organisation, Idempotency-Key); its first draft carries the common data.
 */
export async function startProjectApplication(
  deps: RouterDeps, session: Session, id: string, input: unknown, idempotencyKey?: string,
): Promise<ApplicationView> {
  const body = validInput(ProjectApplicationBody, input);
  const project = await usableProject(deps, session, id);
  const service = await deps.services.get(body.serviceId);
  if (!service) throw new AppError(ErrorCode.NOT_FOUND, 'No such permit service.');
  const form = withCommonData({}, project, service.formSchema, service.commonDataFields, 'start');
  deps.forms.checkDraft(service.id, service.formSchema, form);
  const principal = project.onBehalfOf ? { kind: 'organisation' as const, businessId: project.onBehalfOf.businessId } : undefined;
  return startApplication(deps, session, { ...body, ...(principal ? { principal } : {}) }, idempotencyKey, { projectId: project.id, form });
}
