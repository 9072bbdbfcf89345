import { XROAD_FAULT_MODES } from '../../chaos/fault-plan';
import { PROCESS_KINDS } from '../../chaos/process-set';
import { formatReport } from '../../chaos/report';
import { runChaos } from '../../chaos/run';
import { loadChaosSettings } from '../../chaos/settings';

/**
 * The short form of `npm run chaos`, in CI: 16 applications per mode through a platform of separate
 * processes (its own Temporal and PostgreSQL, since it kills them), with one SIGKILL of each of the
 * worker, the API, Temporal and PostgreSQL and each X-Road fault (drop, delay, duplicate,
 * fail-after-delivery, duplicate-late) in both directions. Every check must pass. A fixed seed keeps CI repeatable;
 * CHAOS_SEED replays another.
 */
const settings = loadChaosSettings({
  CHAOS_N: '16', CHAOS_CONCURRENCY: '8', CHAOS_KILLS: '1', CHAOS_XROAD_FAULTS: '1',
  CHAOS_STEP_TIMEOUT_MS: '120000', CHAOS_SETTLE_TIMEOUT_MS: '60000', CHAOS_SEED: process.env.CHAOS_SEED ?? '20261124',
});

describe('chaos, short form', () => {
  it('loses nothing and does nothing twice while processes are killed and X-Road misbehaves', async () => {
    const lines: string[] = [];
    const result = await runChaos(settings, (line) => lines.push(line));
    const report = formatReport(result);
    if (!result.pass) process.stderr.write(`${lines.join('\n')}\n${report}\n`);

    // Every fault of the plan fired while applications were moving, and each process came back.
    expect(result.faultsNotFired).toEqual([]);
    expect(result.faults.filter((f) => f.error)).toEqual([]);
    for (const kind of PROCESS_KINDS) expect(result.faults.some((f) => f.fault.startsWith(`SIGKILL ${kind}`))).toBe(true);
    for (const mode of XROAD_FAULT_MODES) {
      for (const server of ['platform', 'authority']) expect(result.faults.some((f) => f.fault.startsWith(mode) && f.fault.includes(`the ${server} security server`))).toBe(true);
    }
    expect(result.checks.map((c) => ({ check: c.name, pass: c.pass, offending: c.offending.slice(0, 5) }))).toEqual(result.checks.map((c) => ({ check: c.name, pass: true, offending: [] })));
    expect(result.checks.find((c) => c.name.startsWith('every application'))?.checked).toBe(32);
    expect(report).toMatch(/^chaos PASS: 6\/6 checks passed/m);
  }, 420_000);
});
