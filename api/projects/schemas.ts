import { z } from 'zod';
import { ApplicationSummary, LocalizedText } from '../openapi/schemas';
import { StartBody } from '../routers/start-application';

// The limits of the seeded forms' fields the common data fills (migrations 20261124000001, …041, …042),
// so that data a project takes is never refused when its application is submitted.
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** A project's common data: entered once, filled into each application's form. */
export const CommonDataBody = z.strictObject({
  name: text(200),
  description: text(20_000),
  site: z.strictObject({
    address: text(200),
    municipality: text(100),
    propertyId: z.string().regex(/^[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,4}-[0-9]{1,4}$/, 'expected a property identifier such as 91-1-23-4').optional(),
  }),
}).openapi('ProjectCommonData');

/** A new project; `principal`: the organisation it belongs to, as chosen in this login through e-Authorizations. */
export const CreateProjectBody = CommonDataBody.extend({
  principal: z.strictObject({ kind: z.literal('organisation'), businessId: z.string().max(64) }).optional(),
});

/** An application started in a project: acting for the project's organisation, if it has one. */
export const ProjectApplicationBody = StartBody.omit({ principal: true });

export const ProjectParams = z.strictObject({
  id: z.uuid('expected a project id (UUID)').openapi({ example: '0d3a8a3e-3c55-4c7e-9d5b-6a4f1f0e2b11' }),
});

/** One application of a project, with the names of its service and authority. */
export const ProjectApplication = ApplicationSummary.extend({
  serviceNames: LocalizedText.nullable(),
  authorityNames: LocalizedText.nullable(),
}).openapi('ProjectApplication');

export const Project = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  site: z.object({ address: z.string(), municipality: z.string(), propertyId: z.string().optional() }),
  createdAt: z.string(),
  updatedAt: z.string(),
  onBehalfOf: z.object({ kind: z.literal('organisation'), businessId: z.string(), name: z.string() }).nullable(),
  applications: z.array(ProjectApplication),
}).openapi('Project');

/** The project after a change of its common data, and which of its applications took it. */
export const ProjectUpdate = Project.extend({
  propagation: z.object({
    updated: z.array(z.string()).openapi({ description: 'Drafts whose forms now carry the new common data.' }),
    notUpdated: z.array(z.object({ applicationId: z.string(), code: z.string(), message: z.string() }))
      .openapi({ description: 'Applications that keep what they had: submitted ones keep what they were submitted with.' }),
  }),
}).openapi('ProjectUpdate');
