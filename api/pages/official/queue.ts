import type { ApplicationStatus } from '../../../workflows/application/messages';
import { listCases } from '../../official/operations';
import { ApplicationStatus as StatusSchema } from '../../openapi/schemas';
import type { RouterDeps } from '../../routers/deps';
import type { PageContext } from '../framework/render';
import { serviceNames } from './service-names';

/** The statuses an official's queue can hold, in the order of handling: the filter offers these. */
export const QUEUE_STATUSES: readonly ApplicationStatus[] = ['DRAFT', 'SUBMITTED', 'DELIVERED', 'IN_HANDLING', 'SUPPLEMENT_REQUESTED', 'DECIDED', 'FINAL', 'CLOSED'];
/** Statuses with no deadline running: none is shown, and none is "overdue". */
export const SETTLED: readonly ApplicationStatus[] = ['DRAFT', 'DECIDED', 'FINAL', 'CLOSED'];

/** The queue page's data: the authority's cases (usage-logged by listCases), filtered by `?status=`. */
export async function queuePageData(deps: RouterDeps, ctx: PageContext): Promise<Record<string, unknown>> {
  const status = ctx.req.query.status ? StatusSchema.parse(ctx.req.query.status) : undefined;
  const cases = await listCases(deps, ctx.req, { status });
  const names = await serviceNames(deps, cases.map((c) => c.serviceId), ctx.language);
  const now = Date.now();
  return {
    status: status ?? '',
    statuses: QUEUE_STATUSES.map((s) => ({ value: s, text: ctx.t(`case:status.${s}`) })),
    cases: cases.map((c) => ({
      id: c.applicationId,
      href: `/official/cases/${encodeURIComponent(c.applicationId)}`,
      service: names.get(c.serviceId) ?? c.serviceId,
      applicant: c.applicantName,
      status: ctx.t(`case:status.${c.status}`),
      draft: c.status === 'DRAFT',
      caseNumber: c.caseNumber,
      submittedAt: c.submittedAt,
      deadline: SETTLED.includes(c.status) ? null : c.deadlineAt,
      overdue: c.deadlineAt !== null && !SETTLED.includes(c.status) && Date.parse(c.deadlineAt) < now,
    })),
  };
}
