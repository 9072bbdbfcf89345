import { describeFault, planFaults, XROAD_FAULT_MODES } from '../../chaos/fault-plan';
import { PROCESS_KINDS } from '../../chaos/process-set';
import { seededRandom } from '../../infra/seeded-random';

describe('chaos fault plan', () => {
  const plan = (seed: number) => planFaults({ kills: 3, xroadFaults: 2, workers: 2 }, seededRandom(seed));

  it('plans every kill and X-Road fault asked for, inside the drive, in firing order', () => {
    const faults = plan(7);
    const kills = faults.flatMap((f) => (f.action.kind === 'kill' ? [f.action] : []));
    for (const process of PROCESS_KINDS) expect(kills.filter((k) => k.process === process)).toHaveLength(3);
    expect(kills.every((k) => k.downMs >= 500 && k.downMs <= 5_000 && k.index >= 0 && k.index <= 1)).toBe(true);
    for (const server of ['platform', 'authority']) {
      for (const mode of XROAD_FAULT_MODES) {
        expect(faults.filter((f) => f.action.kind === 'xroad' && f.action.server === server && f.action.mode === mode)).toHaveLength(2);
      }
    }
    expect(faults.every((f) => f.atProgress >= 0.03 && f.atProgress <= 0.85)).toBe(true);
    expect(faults.map((f) => f.atProgress)).toEqual([...faults.map((f) => f.atProgress)].sort((a, b) => a - b));
  });

  it('is the same for the same seed and differs for another', () => {
    expect(plan(42).map((f) => describeFault(f.action))).toEqual(plan(42).map((f) => describeFault(f.action)));
    expect(plan(42).map((f) => describeFault(f.action))).not.toEqual(plan(43).map((f) => describeFault(f.action)));
  });
});
