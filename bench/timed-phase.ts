import { cpuBetween, cpuSnapshot } from './cpu-profile';
import { runPool } from './pool';

/**
 * One kind of work timed over several rounds (the API lifecycles, the bare ones): wall time, count and
 * CPU by component add up, so alternating rounds share whatever else the machine is doing.
 */
export class TimedPhase {
  seconds = 0;
  count = 0;
  readonly cpu: Record<string, number> = {};

  constructor(private readonly dataDir: string, private readonly concurrency: number) {}

  /** Runs task(from … from+count-1) at the phase's concurrency and adds its time and CPU. */
  async run(from: number, count: number, task: (i: number) => Promise<void>): Promise<void> {
    const before = cpuSnapshot(this.dataDir);
    const started = performance.now();
    await runPool(count, this.concurrency, (k) => task(from + k));
    this.seconds += (performance.now() - started) / 1000;
    this.count += count;
    for (const [label, seconds] of Object.entries(cpuBetween(before, cpuSnapshot(this.dataDir)))) {
      this.cpu[label] = (this.cpu[label] ?? 0) + seconds;
    }
  }

  get perSec(): number {
    return this.count / this.seconds;
  }

  /** CPU ms of one component (as cpu-profile labels it) per task, rounded. */
  cpuMsPerTaskOf(label: string): number {
    return Math.round(((this.cpu[label] ?? 0) * 1000) / this.count);
  }

  /** CPU ms of every measured process per task, rounded. */
  get cpuMsPerTask(): number {
    return Math.round((Object.values(this.cpu).reduce((a, b) => a + b, 0) * 1000) / this.count);
  }
}
