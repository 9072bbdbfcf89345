/**
 * The chaos run's verdict, from a snapshot of what the platform, the authority stand-in and Temporal
 * hold at the end (snapshot.ts). Pure: tests feed it broken snapshots to prove each check can fail.
 */
import { canonicalJson } from '../activities/store/canonical-json';
import type { DrivenApplication } from './scenarios';

export interface ChaosSnapshot {
  applications: DrivenApplication[];
  /** The workflow's own view (its `status` query), by application id; `error` when it could not be read. */
  workflows: Record<string, { status: string; decisionText: string | null; decisionMessageId: string | null } | { error: string }>;
  /** The read model (`applications` table). */
  readModel: Record<string, { status: string; lastSeq: number; decisionText: string | null }>;
  /** The case event log (`case_events`) of the driven applications. */
  events: { applicationId: string; seq: number; type: string; data: unknown }[];
  /** The outbox and inbox (`exchange_messages`) of the driven applications. */
  exchange: { id: string; applicationId: string; direction: 'outbound' | 'inbound'; type: string; status: string }[];
  decisionDocuments: { messageId: string; applicationId: string }[];
  /** What the sandbox authority case system holds (its `/_control/cases`). */
  authority: { applicationId: string; messageIds: string[]; deliveries: number; supplements: number }[];
  /** Workflows Temporal lists as failed, terminated or timed out. */
  temporalProblems: { workflowId: string; status: string }[];
}

export interface CheckResult { name: string; pass: boolean; checked: number; offending: string[] }

/**
 * Events a lifecycle of this run has exactly one of at most: a second one means a transition was applied
 * twice (e.g. a repeated update or X-Road message taking effect again).
 */
export const ONCE_PER_CASE = ['SUBMITTED', 'ACKNOWLEDGED', 'SUPPLEMENT_REQUESTED', 'SUPPLEMENTED', 'DECIDED'];
/** Messages each xroad lifecycle sends the authority, each exactly once. */
const OUTBOUND_PER_CASE = ['application', 'supplement'];

const MAX_LISTED = 20;
const check = (name: string, checked: number, offending: string[]): CheckResult => ({ name, pass: offending.length === 0, checked, offending });
const label = (app: DrivenApplication) => app.applicationId ?? `${app.mode} #${app.index} (never started)`;

export function runChecks(s: ChaosSnapshot): CheckResult[] {
  const started = s.applications.filter((a): a is DrivenApplication & { applicationId: string } => a.applicationId !== null);
  const finished = started.filter((a) => a.stuck === null);
  const xroad = started.filter((a) => a.mode === 'xroad');
  const ids = new Set(started.map((a) => a.applicationId));
  return [
    check('every application reached DECIDED', s.applications.length, s.applications.flatMap((app) => {
      if (app.stuck) return [`${label(app)}: stuck at ${app.stuck}`];
      const wf = app.applicationId ? s.workflows[app.applicationId] : undefined;
      if (!wf) return [`${label(app)}: no workflow`];
      if ('error' in wf) return [`${label(app)}: ${wf.error}`];
      return wf.status === 'DECIDED' ? [] : [`${label(app)}: ${wf.status}`];
    })),
    check('the authority holds each xroad application and supplement answer exactly once', xroad.length, [
      ...xroad.flatMap((app) => {
        const held = s.authority.filter((c) => c.applicationId === app.applicationId);
        if (held.length !== 1) return [`${app.applicationId}: held ${held.length} times`];
        const [kase] = held;
        const sent = new Set(s.exchange.filter((m) => m.applicationId === app.applicationId && m.direction === 'outbound').map((m) => m.id));
        const problems: string[] = [];
        if (kase.supplements > 1 || (app.stuck === null && kase.supplements !== 1)) problems.push(`${kase.supplements} supplement answers`);
        const unknown = kase.messageIds.filter((id) => !sent.has(id));
        if (unknown.length) problems.push(`messages the platform never recorded sending: ${unknown.join(', ')}`);
        if (new Set(kase.messageIds).size !== kase.messageIds.length) problems.push('a message id stored twice');
        const missing = [...sent].filter((id) => !kase.messageIds.includes(id));
        if (missing.length) problems.push(`sent but not held: ${missing.join(', ')}`);
        return problems.length ? [`${app.applicationId}: ${problems.join('; ')}`] : [];
      }),
      ...s.authority.filter((c) => !xroad.some((a) => a.applicationId === c.applicationId)).map((c) => `${c.applicationId}: held but not an xroad application of this run`),
    ]),
    check('no decision lost (case and read model)', finished.length, finished.flatMap((app) => {
      const wf = s.workflows[app.applicationId];
      const row = s.readModel[app.applicationId];
      const problems: string[] = [];
      if (!wf || 'error' in wf || wf.decisionText !== app.decisionText) problems.push('the case does not have the decision given');
      if (!row || row.status !== 'DECIDED' || row.decisionText !== app.decisionText) problems.push(`the read model has ${row ? `${row.status}, decision ${row.decisionText === app.decisionText ? 'as given' : JSON.stringify(row.decisionText)}` : 'no row'}`);
      if (app.decisionMessageId) {
        if (!wf || 'error' in wf || wf.decisionMessageId !== app.decisionMessageId) problems.push(`the case's decision document is not message ${app.decisionMessageId}`);
        if (!s.decisionDocuments.some((d) => d.messageId === app.decisionMessageId && d.applicationId === app.applicationId)) problems.push('no stored decision document');
      }
      return problems.length ? [`${app.applicationId}: ${problems.join('; ')}`] : [];
    })),
    check('no duplicate event in any case log', started.length, started.flatMap((app) => {
      const events = s.events.filter((e) => e.applicationId === app.applicationId).sort((a, b) => a.seq - b.seq);
      const problems: string[] = [];
      if (events.some((e, i) => e.seq !== i + 1)) problems.push(`seq not 1..${events.length}: ${events.map((e) => e.seq).join(',')}`);
      const row = s.readModel[app.applicationId];
      if (row && row.lastSeq !== events.length) problems.push(`read model at seq ${row.lastSeq}, log has ${events.length}`);
      const seen = new Map<string, number>();
      for (const e of events) {
        const key = `${e.type} ${canonicalJson(e.data)}`;
        if (seen.has(key)) problems.push(`${e.type} seq ${seen.get(key)} and ${e.seq} are the same event`);
        else seen.set(key, e.seq);
      }
      for (const type of ONCE_PER_CASE) {
        const n = events.filter((e) => e.type === type).length;
        if (n > 1) problems.push(`${type} ${n} times`);
      }
      return problems.length ? [`${app.applicationId}: ${problems.join('; ')}`] : [];
    })),
    check('outbox and inbox: every message delivered or applied once', xroad.length, xroad.flatMap((app) => {
      const messages = s.exchange.filter((m) => m.applicationId === app.applicationId);
      const problems: string[] = [];
      for (const type of OUTBOUND_PER_CASE) {
        const n = messages.filter((m) => m.direction === 'outbound' && m.type === type).length;
        if (n > 1 || (app.stuck === null && n !== 1)) problems.push(`${n} ${type} messages`);
      }
      problems.push(...messages.filter((m) => (m.direction === 'outbound' ? m.status !== 'delivered' : m.status !== 'applied')).map((m) => `${m.direction} ${m.type} ${m.id} ${m.status}`));
      return problems.length ? [`${app.applicationId}: ${problems.join('; ')}`] : [];
    })),
    check('Temporal: no workflow failed, terminated or timed out', ids.size, s.temporalProblems.map((p) => `${p.workflowId}: ${p.status}`)),
  ];
}

/** The offending ids of a check, shortened for printing. */
export function listed(result: CheckResult): string {
  const shown = result.offending.slice(0, MAX_LISTED).join('\n    ');
  return result.offending.length > MAX_LISTED ? `${shown}\n    … and ${result.offending.length - MAX_LISTED} more` : shown;
}
