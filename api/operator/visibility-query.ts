import { z } from 'zod';
import { AppError } from '../../infra/errors';
import { isValidBusinessId } from '../../infra/identifiers';
import { ErrorCode } from '../../workflows/error-codes';
import { SA } from '../../workflows/search-attributes';
import { APPLICATION_WORKFLOW_TYPE } from '../../workflows/application/messages';
import { ApplicationStatus } from '../openapi/schemas';

const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected an id of lower-case letters, digits, _ and -');
const Instant = z.iso.datetime({ offset: true });

/** The operator's search filters: an allow-list, each value checked before it reaches the query. */
export const OperatorFilters = z.strictObject({
  service: Id.optional(),
  authority: Id.optional(),
  status: ApplicationStatus.optional(),
  organisation: z.string().max(64).optional(),
  submittedAfter: Instant.optional(),
  submittedBefore: Instant.optional(),
});

export type OperatorFilters = z.infer<typeof OperatorFilters>;

/**
 * Builds a Temporal visibility query from validated filters. Values are never spliced in raw: each
 * has passed a pattern that admits no quote, and is quoted again here for good measure.
 */
export function visibilityQuery(filters: OperatorFilters): string {
  if (filters.organisation !== undefined && !isValidBusinessId(filters.organisation)) {
    throw new AppError(ErrorCode.INVALID_BUSINESS_ID, 'The organisation filter is not a valid Finnish business id (Y-tunnus).', {
      fields: [{ path: 'query.organisation', message: 'Invalid business id.' }],
    });
  }
  const clauses = [`WorkflowType = ${quote(APPLICATION_WORKFLOW_TYPE)}`];
  if (filters.service) clauses.push(`${SA.service.name} = ${quote(filters.service)}`);
  if (filters.authority) clauses.push(`${SA.authority.name} = ${quote(filters.authority)}`);
  if (filters.status) clauses.push(`${SA.status.name} = ${quote(filters.status)}`);
  if (filters.organisation) clauses.push(`${SA.organisation.name} = ${quote(filters.organisation)}`);
  if (filters.submittedAfter) clauses.push(`${SA.submittedAt.name} >= ${quote(new Date(filters.submittedAfter).toISOString())}`);
  if (filters.submittedBefore) clauses.push(`${SA.submittedAt.name} < ${quote(new Date(filters.submittedBefore).toISOString())}`);
  return clauses.join(' AND ');
}

function quote(value: string): string {
  if (/['"\\]/.test(value)) throw new Error('visibility query value contains a quote'); // unreachable after validation
  return `'${value}'`;
}
