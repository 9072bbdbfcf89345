import type { WorkShare } from './work-share';

/** What the run observed: tasks per worker, requests per API, and the worker stopped mid-run if any. */
export interface ShareObservation {
  work: WorkShare;
  requests: Record<string, number>;
  /** Connections the security server made to each API's X-Road provider listener (through the load balancer). */
  xroadConnections: Record<string, number>;
  /** The worker sent SIGTERM mid-run; its `afterCut` tasks are those after that moment. */
  stoppedWorker?: string;
}

export interface ShareCheck {
  check: string;
  pass: boolean;
  detail: string;
}

/**
 * The checks that prove the work was shared: every worker ran workflow and activity tasks, every API
 * served requests, no task ran on an unknown worker, and a stopped worker's work went to the others.
 */
export function checkShare(obs: ShareObservation): ShareCheck[] {
  const checks: ShareCheck[] = [];
  for (const [name, count] of Object.entries(obs.work.perWorker)) {
    checks.push({
      check: `${name} ran workflow and activity tasks`,
      pass: count.workflowTasks > 0 && count.activityTasks > 0,
      detail: `${count.workflowTasks} workflow tasks, ${count.activityTasks} activity tasks`,
    });
  }
  for (const [name, requests] of Object.entries(obs.requests)) {
    checks.push({ check: `${name} served requests`, pass: requests > 0, detail: `${requests} requests` });
  }
  // Only when X-Road traffic ran at all (a portal-only bench sends none).
  if (Object.values(obs.xroadConnections).some((n) => n > 0)) {
    for (const [name, connections] of Object.entries(obs.xroadConnections)) {
      checks.push({ check: `${name}'s X-Road provider listener took messages`, pass: connections > 0, detail: `${connections} connections from the security server` });
    }
  }
  const stray = obs.work.unattributed.workflowTasks + obs.work.unattributed.activityTasks;
  checks.push({ check: 'every task ran on one of these workers', pass: stray === 0, detail: `${stray} tasks by an unknown identity` });
  if (obs.stoppedWorker) {
    const stopped = obs.work.perWorker[obs.stoppedWorker];
    const others = Object.entries(obs.work.perWorker).filter(([name]) => name !== obs.stoppedWorker).reduce((sum, [, c]) => sum + c.afterCut, 0);
    checks.push({ check: `${obs.stoppedWorker} ran nothing after its SIGTERM`, pass: stopped?.afterCut === 0, detail: `${stopped?.afterCut ?? 0} tasks after` });
    checks.push({ check: 'the other workers took over', pass: others > 0, detail: `${others} tasks after the SIGTERM` });
  }
  return checks;
}

/** The printed table: tasks per worker, requests per API, then each check as PASS/FAIL. */
export function formatShare(obs: ShareObservation, checks: ShareCheck[]): string {
  const lines = [`Work share over ${obs.work.cases} cases:`, '| worker | workflow tasks | activity tasks | after the SIGTERM |', '| --- | --- | --- | --- |'];
  for (const [name, c] of Object.entries(obs.work.perWorker)) {
    lines.push(`| ${name}${name === obs.stoppedWorker ? ' (SIGTERM mid-run)' : ''} | ${c.workflowTasks} | ${c.activityTasks} | ${obs.stoppedWorker ? c.afterCut : '–'} |`);
  }
  lines.push('', '| API | requests | X-Road provider connections |', '| --- | --- | --- |');
  for (const [name, n] of Object.entries(obs.requests)) lines.push(`| ${name} | ${n} | ${obs.xroadConnections[name] ?? 0} |`);
  lines.push('');
  for (const c of checks) lines.push(`${c.pass ? 'PASS' : 'FAIL'}  ${c.check}: ${c.detail}`);
  return lines.join('\n');
}
