import type { Attachment, ApplicationView, TimelineEntry } from '../../../workflows/application/messages';
import { readCase, readTimeline } from '../../official/operations';
import type { RouterDeps } from '../../routers/deps';
import type { Session } from '../../session/types';
import type { PageContext } from '../framework/render';
import { formRows } from './form-rows';
import { SETTLED } from './queue';

/** Which of the case page's forms the official may use now (the workflow's rules, shown before they are tried). */
export function availableActions(view: ApplicationView, session: Session) {
  // xroad cases are handled in the authority's own system; drafts shown with consent are read only.
  const portal = view.handlingMode === 'portal';
  const handles = portal && session.permissions.includes('case:handle');
  return {
    acknowledge: handles && view.status === 'DELIVERED',
    requestSupplement: handles && view.status === 'IN_HANDLING',
    decide: portal && session.permissions.includes('case:decide') && view.status === 'IN_HANDLING',
  };
}

/** The case page's data: the case and its timeline (both usage-logged by the operations), in the page's language. */
export async function casePageData(deps: RouterDeps, ctx: PageContext, id: string, session: Session): Promise<Record<string, unknown>> {
  const view = await readCase(deps, ctx.req, id);
  const timeline = await readTimeline(deps, ctx.req, id);
  const service = await deps.services.get(view.serviceId);
  const { t, language } = ctx;
  const base = `/official/cases/${encodeURIComponent(view.applicationId)}`;
  const attachmentNames = new Map((service?.attachments?.types ?? []).map((a) => [a.code, a.names[language]]));
  return {
    title: t('official:case.title', { id: view.applicationId }),
    base,
    id: view.applicationId,
    service: service?.names[language] ?? view.serviceId,
    status: t(`case:status.${view.status}`),
    draft: view.status === 'DRAFT',
    xroad: view.handlingMode === 'xroad',
    applicant: view.applicant.name,
    principal: view.principal ? (view.principal.kind === 'organisation' ? `${view.principal.name} (${view.principal.businessId})` : view.principal.name) : null,
    caseNumber: view.caseNumber,
    receipt: view.submission,
    deadlines: deadlineRows(view, ctx),
    form: formRows(service?.formSchema ?? {}, view.draft.form, ctx),
    attachments: attachmentsOf(view).map((a) => ({
      ...a,
      typeName: attachmentNames.get(a.type) ?? a.type,
      href: `/api/v1/official/cases/${encodeURIComponent(view.applicationId)}/attachments/${encodeURIComponent(a.id)}`,
    })),
    supplementRequests: view.supplementRequests,
    decision: view.decision,
    timeline: timeline.map((e) => timelineRow(e, ctx)).reverse(),
    actions: availableActions(view, session),
    outcomes: ['APPROVED', 'PARTIALLY_APPROVED', 'REJECTED'].map((o) => ({ value: o, text: t(`case:outcome.${o}`) })),
  };
}

/** The attachments the view lists; views stored before attachments existed have none. */
const attachmentsOf = (view: ApplicationView): Attachment[] => view.attachments ?? [];

function deadlineRows(view: ApplicationView, ctx: PageContext) {
  const now = Date.now();
  return (['acknowledgementDueAt', 'handlingDueAt', 'supplementDueAt', 'appealEndsAt'] as const)
    .filter((key) => view.deadlines[key])
    .map((key) => {
      const at = view.deadlines[key]!;
      const running = !SETTLED.includes(view.status) && key !== 'appealEndsAt';
      return { label: ctx.t(`case:deadline.${key}`), at, overdue: running && Date.parse(at) < now };
    });
}

function timelineRow(e: TimelineEntry, ctx: PageContext) {
  return {
    at: e.at,
    event: ctx.t(`case:events.${e.type}`, { defaultValue: e.type }),
    actor: e.actor.kind === 'system' ? ctx.t('official:case.system') : e.actor.name,
  };
}
