import { z } from 'zod';
import { ErrorCode } from '../../workflows/error-codes';
import { ConsentBody, setConsent } from '../consent/set-consent';
import { createProject, getProject, listProjects, startProjectApplication, updateProject } from '../projects/operations';
import { CommonDataBody, CreateProjectBody, Project, ProjectApplicationBody, ProjectParams, ProjectUpdate } from '../projects/schemas';
import { RouteTable } from '../openapi/route';
import { ApplicationView, CaseParams } from '../openapi/schemas';
import { mandateErrors } from './case-errors';
import type { RouterDeps } from './deps';
import { StartHeaders } from './start-application';

const tag = 'Projects';

/** Applicants' projects (several permit applications with common data entered once) and consent to the authority seeing a draft. */
export function projectRoutes(deps: RouterDeps): RouteTable {
  const base = '/api/v1/projects';
  return new RouteTable()
    .add({
      method: 'post', path: base, tag, access: 'applicant', body: CreateProjectBody,
      summary: 'Creates a project: the applicant\'s own, or (principal) the organisation\'s they chose to act for in this login.',
      response: { status: 201, description: 'The new project, with no applications yet.', schema: Project },
      errors: [ErrorCode.INVALID_BUSINESS_ID, ErrorCode.MANDATE_SELECTION_REQUIRED, ErrorCode.DEPENDENCY_UNAVAILABLE],
    }, async ({ session, body }) => createProject(deps, session(), body))
    .add({
      method: 'get', path: base, tag, access: 'applicant',
      summary: 'Lists the applicant\'s projects and those of the organisation they act for, newest first.',
      response: { status: 200, description: 'The projects with their applications.', schema: z.array(Project) },
    }, async ({ session }) => listProjects(deps, session()))
    .add({
      method: 'get', path: `${base}/:id`, tag, access: 'applicant', params: ProjectParams,
      summary: 'One project with its applications: status, service and authority of each.',
      response: { status: 200, description: 'The project.', schema: Project },
      errors: [ErrorCode.NOT_FOUND],
    }, async ({ session, params }) => getProject(deps, session(), params.id))
    .add({
      method: 'put', path: `${base}/:id`, tag, access: 'applicant', params: ProjectParams, body: CommonDataBody,
      summary: 'Replaces the project\'s common data and fills it into every draft of the project; submitted applications keep theirs.',
      response: { status: 200, description: 'The project, and which applications took the change.', schema: ProjectUpdate },
      errors: [ErrorCode.NOT_FOUND, ErrorCode.FORM_REJECTED],
    }, async ({ session, params, body }) => updateProject(deps, session(), params.id, body))
    .add({
      method: 'post', path: `${base}/:id/applications`, tag, access: 'applicant', params: ProjectParams, body: ProjectApplicationBody, headers: StartHeaders,
      summary: 'Starts an application in the project (as POST /api/v1/applications); its first draft carries the common data.',
      response: { status: 201, description: 'The new application, as a draft.', schema: ApplicationView },
      errors: [ErrorCode.NOT_FOUND, ErrorCode.LOA_TOO_LOW, ErrorCode.SERVICE_UNAVAILABLE_FOR_APPLICATIONS, ErrorCode.FORM_REJECTED,
        ErrorCode.IDEMPOTENCY_KEY_REUSED, ...mandateErrors],
    }, async ({ session, params, body, headers }) => startProjectApplication(deps, session(), params.id, body, headers['idempotency-key']))
    .add({
      method: 'put', path: '/api/v1/applications/:id/consent', tag: 'Applicant', access: 'applicant', params: CaseParams, body: ConsentBody,
      summary: 'Gives or withdraws consent to the case\'s authority seeing the application before it is submitted (only while a draft).',
      response: { status: 200, description: 'The application with its consent.', schema: ApplicationView },
      errors: [ErrorCode.NOT_FOUND, ErrorCode.LOA_TOO_LOW, ErrorCode.TRANSITION_NOT_ALLOWED, ...mandateErrors],
    }, async ({ session, params, body }) => setConsent(deps, session(), params.id, body));
}
