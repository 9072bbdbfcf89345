/**
 * The faults of one chaos run, drawn from the seed: SIGKILLs of each process kind (restarted after a
 * random 0.5–5 s) and the sandbox security servers' faults (drop, delay, duplicate, fail-after-delivery,
 * duplicate-late, for messages in both directions). Each fires when the drive reaches a random point of its progress,
 * so every fault lands while applications are moving, however fast the machine is.
 */
import { PROCESS_KINDS, type ProcessKind } from './process-set';
import type { Random } from '../infra/seeded-random';

export type XroadFaultMode = 'drop' | 'delay' | 'duplicate' | 'fail-after-delivery' | 'duplicate-late';
export const XROAD_FAULT_MODES: XroadFaultMode[] = ['drop', 'delay', 'duplicate', 'fail-after-delivery', 'duplicate-late'];
/** Modes that wait: the message itself (delay) or its stray copy (duplicate-late). */
const TIMED: XroadFaultMode[] = ['delay', 'duplicate-late'];

export type FaultAction =
  | { kind: 'kill'; process: ProcessKind; index: number; downMs: number }
  /** platform: the platform's messages to the authority; authority: the authority system's messages to the platform. */
  | { kind: 'xroad'; server: 'platform' | 'authority'; mode: XroadFaultMode; times: number; delayMs: number };

export interface PlannedFault { atProgress: number; action: FaultAction }

export interface FaultPlanSettings { kills: number; xroadFaults: number; workers: number }

/** Faults fire between 3 % and 85 % of the drive, so the last ones still have work to break and recover. */
const FIRST = 0.03;
const LAST = 0.85;

export function planFaults(settings: FaultPlanSettings, random: Random): PlannedFault[] {
  const actions: FaultAction[] = [];
  for (let i = 0; i < settings.kills; i++) {
    for (const process of PROCESS_KINDS) {
      actions.push({ kind: 'kill', process, index: random.int(0, settings.workers - 1), downMs: random.int(500, 5_000) });
    }
  }
  for (let i = 0; i < settings.xroadFaults; i++) {
    for (const server of ['platform', 'authority'] as const) {
      for (const mode of XROAD_FAULT_MODES) {
        actions.push({ kind: 'xroad', server, mode, times: random.int(1, 3), delayMs: TIMED.includes(mode) ? random.int(1_000, 15_000) : 0 });
      }
    }
  }
  return actions
    .map((action) => ({ atProgress: FIRST + random.next() * (LAST - FIRST), action }))
    .sort((a, b) => a.atProgress - b.atProgress);
}

export function describeFault(action: FaultAction): string {
  return action.kind === 'kill'
    ? `SIGKILL ${action.process}${action.process === 'worker' ? ` ${action.index + 1}` : ''}, down ${action.downMs} ms`
    : `${action.mode}${TIMED.includes(action.mode) ? ` ${action.delayMs} ms` : ''} ×${action.times} at the ${action.server} security server`;
}
