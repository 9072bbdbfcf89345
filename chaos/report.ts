/** The chaos run's printout: each check PASS/FAIL with its counts and offending ids, the faults, one summary line, then JSON. */
import { listed } from './checks';
import type { ChaosResult } from './run';

export function formatReport(result: ChaosResult): string {
  const lines: string[] = [];
  lines.push(`chaos run, seed ${result.seed}: ${result.applications.portal} portal + ${result.applications.xroad} xroad applications, ` +
    `concurrency ${result.settings.CHAOS_CONCURRENCY}, ${result.settings.CHAOS_WORKERS} worker(s), drive ${(result.driveMs / 1000).toFixed(1)} s, ` +
    `total ${(result.durationMs / 1000).toFixed(1)} s, load average ${result.loadAverage.map((l) => l.toFixed(2)).join(' ')}`);
  lines.push('', 'faults:');
  for (const f of result.faults) lines.push(`  ${f.fault}${f.recoveredMs !== null ? `, back after ${(f.recoveredMs / 1000).toFixed(1)} s` : ''}${f.error ? ` — FAILED: ${f.error}` : ''}`);
  for (const f of result.faultsNotFired) lines.push(`  not fired (the drive ended first): ${f}`);
  lines.push(`users retried: ${result.retries.networkErrors} network errors, ${result.retries.serverErrors} 5xx, ${result.retries.conflictsRetried} 401/408/409/429, ` +
    `${result.retries.relogins} logins again, ${result.retries.alreadyDone} steps found already done`);
  const codes = Object.entries(result.retries.serverErrorCodes);
  if (codes.length) lines.push(`5xx answers users got: ${codes.map(([code, n]) => `${code} ×${n}`).join(', ')}`);
  lines.push(`notification e-mails: ${result.emails.caught} caught, ${result.emails.repeatedMessageIds} repeated Message-IDs (SMTP is at least once; reported, not checked)`);
  if (result.unexpectedExits.length) lines.push(`processes that exited on their own (started again): ${result.unexpectedExits.map((e) => `${e.name} (code ${e.code}, signal ${e.signal})`).join(', ')}`);
  lines.push('', 'checks:');
  for (const c of result.checks) {
    lines.push(`  ${c.pass ? 'PASS' : 'FAIL'} ${c.name}: ${c.checked} checked, ${c.offending.length} offending`);
    if (!c.pass) lines.push(`    ${listed(c)}`);
  }
  if (result.logDir) lines.push(`process logs: ${result.logDir}`);
  const passed = result.checks.filter((c) => c.pass).length;
  lines.push('', `chaos ${result.pass ? 'PASS' : 'FAIL'}: ${passed}/${result.checks.length} checks passed, seed ${result.seed}, ` +
    `${result.applications.portal + result.applications.xroad} applications, ${result.faults.length} faults, ${result.applications.stuck} stuck`);
  lines.push(JSON.stringify(result));
  return lines.join('\n');
}
