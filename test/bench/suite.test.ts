/**
 * `npm run bench` runs its parts one after another and reports every figure with its target: a missed
 * target must show as missed, a failing part must fail the run without hiding the others' figures.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { BenchPart } from '../../bench/part';
import { formatSuiteTable, runSuite, type SuiteOptions } from '../../bench/suite-runner';

/** A tiny part that measures something real (how long sorting takes) and checks it against two targets. */
const sorting: BenchPart = {
  name: 'sorting',
  needsPlatform: false,
  async run(ctx) {
    const numbers = Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_007);
    const started = performance.now();
    numbers.sort((a, b) => a - b);
    const ms = performance.now() - started;
    ctx.progress(`sorted ${numbers.length} numbers`);
    return {
      figures: { count: numbers.length, ms, sorted: numbers.every((n, i) => i === 0 || numbers[i - 1] <= n) },
      rows: [
        { figure: 'sorting time', value: `${ms.toFixed(2)} ms`, target: '< 60000 ms', met: ms < 60_000 },
        { figure: 'sorting time', value: `${ms.toFixed(2)} ms`, target: '< 0 ms', met: ms < 0 },
        { figure: 'numbers', value: String(numbers.length) },
      ],
      notes: [['profile', 'one call to Array.prototype.sort']],
    };
  },
};

const broken: BenchPart = { name: 'broken', needsPlatform: false, run: async () => { throw new Error('the sandbox did not answer'); } };

const options = (progress: string[]): SuiteOptions => ({
  progress: (line) => progress.push(line),
  env: {},
  platform: () => Promise.reject(new Error('no part here needs a platform')),
});

describe('[#7] the bench suite runner', () => {
  it('prints each part\'s figures as JSON and marks each target met or missed in the table', async () => {
    const progress: string[] = [];
    const outcome = await runSuite([sorting], options(progress));

    expect(outcome.failed).toBe(false);
    expect(outcome.report.machine.cpus).toBeGreaterThan(0);
    expect(outcome.report.parts.sorting).toMatchObject({ count: 10_000, sorted: true });
    const table = formatSuiteTable(outcome).split('\n');
    expect(table[0]).toBe('| part | figure | value | target | |');
    expect(table).toContainEqual(expect.stringMatching(/^\| sorting \| sorting time \| [\d.]+ ms \| < 60000 ms \| met \|$/));
    expect(table).toContainEqual(expect.stringMatching(/^\| sorting \| sorting time \| [\d.]+ ms \| < 0 ms \| \*\*MISSED\*\* \|$/));
    expect(table).toContain('| sorting | numbers | 10000 |  |  |');
    expect(table).toContainEqual(expect.stringContaining('one call to Array.prototype.sort'));
    expect(progress).toContain('sorting: sorted 10000 numbers');
  });

  it('reports a failing part as failed and still runs the others', async () => {
    const outcome = await runSuite([broken, sorting], options([]));

    expect(outcome.failed).toBe(true);
    expect(outcome.report.parts.broken).toEqual({ error: 'the sandbox did not answer' });
    expect(outcome.report.parts.sorting).toMatchObject({ sorted: true });
    expect(formatSuiteTable(outcome)).toContain('| broken | part | FAILED: the sandbox did not answer |  | **MISSED** |');
  });

  it('refuses an unknown part by name before starting anything', () => {
    const root = path.resolve(__dirname, '../..');
    const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'bench/suite.ts'], {
      cwd: root, env: { ...process.env, BENCH_PARTS: 'lifecycles,warp-speed' }, encoding: 'utf8', timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('bench failed: Invalid configuration:\n  - BENCH_PARTS.1 is invalid: each part must be one of startup, login-cost, lifecycles, api-latency, open-cases\n');
    expect(run.stdout).toBe('');
  });
});
