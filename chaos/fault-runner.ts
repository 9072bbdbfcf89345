/**
 * Fires the planned faults as the drive progresses: a kill takes the process down for its time and
 * starts it again (until it serves); a security server fault is set through the sandbox's
 * `/_control/faults`. One fault at a time, in plan order.
 */
import { describeFault, type PlannedFault } from './fault-plan';
import type { ChaosStack } from './process-set';
import { httpCall } from './user-client';

/** One fault as it happened. */
export interface FiredFault { at: string; progress: number; fault: string; recoveredMs: number | null; error: string | null }

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function securityServerUrl(stack: ChaosStack, server: 'platform' | 'authority'): string {
  return server === 'platform' ? stack.sandboxUrls.xroadSecurityServer : stack.sandboxUrls.xroadAuthoritySecurityServer;
}

/**
 * Runs until every fault fired or `finished()` (the drive ended: faults left are reported as not fired).
 * `progress()` is the share of user steps done, 0–1.
 */
export async function runFaults(stack: ChaosStack, plan: PlannedFault[], progress: () => number, finished: () => boolean, log: (line: string) => void): Promise<FiredFault[]> {
  const fired: FiredFault[] = [];
  for (const planned of plan) {
    while (progress() < planned.atProgress && !finished()) await pause(100);
    if (finished()) break;
    const started = Date.now();
    const record: FiredFault = { at: new Date().toISOString(), progress: progress(), fault: describeFault(planned.action), recoveredMs: null, error: null };
    log(`fault at ${(record.progress * 100).toFixed(1)} %: ${record.fault}`);
    try {
      const { action } = planned;
      if (action.kind === 'kill') {
        await stack.kill(action.process, action.index);
        await pause(action.downMs);
        await restartUntilUp(stack, action.process, action.index);
        record.recoveredMs = Date.now() - started;
      } else {
        const pathContains = action.server === 'platform' ? '/applications' : '/cases';
        const answer = await httpCall(`${securityServerUrl(stack, action.server)}/_control/faults`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ mode: action.mode, pathContains, times: action.times, delayMs: action.delayMs }),
        });
        if (answer.status !== 201) throw new Error(`the security server refused the fault: ${answer.status} ${JSON.stringify(answer.body)}`);
      }
    } catch (err) {
      record.error = (err as Error).message;
      log(`fault ${record.fault} failed: ${record.error}`);
    }
    fired.push(record);
  }
  return fired;
}

/** Starting a server again can fail while the one killed is still letting go (ports, shared memory). */
async function restartUntilUp(stack: ChaosStack, kind: Parameters<ChaosStack['restart']>[0], index: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await stack.restart(kind, index);
    } catch (err) {
      if (attempt >= 5) throw err;
      await pause(1_000 * attempt);
    }
  }
}

/** Clears every pending security server fault (before the final checks). */
export async function clearXroadFaults(stack: ChaosStack): Promise<void> {
  for (const server of ['platform', 'authority'] as const) {
    await httpCall(`${securityServerUrl(stack, server)}/_control/faults`, { method: 'DELETE' });
  }
}
