/**
 * One `npm start`, as a developer runs it, in a fresh temp data dir with free ports: the time until the launcher reports ready (it does so once the API's
 * /health answers AND the worker polls its task queue), then Ctrl-C (SIGINT to its process group, as a
 * terminal sends it) and a check that nothing of it is left running.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawnManaged } from '../infra/launcher/process-group';
import { cpuSnapshot } from './cpu-profile';
import { isolatedPlatformEnv } from './platform';

/** The line infra/launcher/summary.ts prints when startPlatform has resolved. */
const READY = /lupaflow is ready/;
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

export interface TimedStart {
  /** From spawning `npm start` until it printed that it is ready. */
  readyMs: number;
  /** From Ctrl-C until the launcher exited. */
  stopMs: number;
  /**
   * How `npm start` ended after Ctrl-C: `code 0`, or `signal SIGINT` (npm ends itself with the signal
   * once its script has exited); `killed` when it did not stop within 30 s.
   */
  exit: string;
  /** Platform processes of this data dir still running after the launcher exited (should be none). */
  leftovers: string[];
}

export async function timeOneStart(repoRoot: string): Promise<TimedStart> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lupaflow-startup-'));
  try {
    const env = await isolatedPlatformEnv(dataDir);
    const started = performance.now();
    let readyAt: number | undefined;
    let onReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (onReady = resolve));
    const launcher = spawnManaged('npm start', 'npm', ['start'], {
      env, cwd: repoRoot, onLine: (line) => {
        if (readyAt === undefined && READY.test(line)) {
          readyAt = performance.now();
          onReady();
        }
      },
    });
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), START_TIMEOUT_MS).unref());
    const outcome = await Promise.race([ready.then(() => 'ready' as const), launcher.exited.then(() => 'exited' as const), timeout]);
    if (outcome !== 'ready') {
      await launcher.stop(30_000);
      throw new Error(`npm start ${outcome === 'exited' ? 'exited' : 'was not ready'} before it reported ready:\n${launcher.recentOutput()}`);
    }
    const stopping = performance.now();
    process.kill(-launcher.child.pid!, 'SIGINT');
    const stopped = await Promise.race([launcher.exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), STOP_TIMEOUT_MS).unref())]);
    const stopMs = performance.now() - stopping;
    if (!stopped) await launcher.stop(1_000);
    const exit = !stopped ? 'killed' : stopped.signal ? `signal ${stopped.signal}` : `code ${stopped.code}`;
    const leftovers = [...cpuSnapshot(dataDir).keys()].filter((label) => label !== 'bench');
    return { readyMs: Math.round(readyAt! - started), stopMs: Math.round(stopMs), exit, leftovers };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
