import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { clearOrphan } from './orphans';
import { spawnManaged, type ManagedProcess } from './process-group';

/** The platform's own processes, each a TypeScript entry point run through tsx. */
export type ChildName = 'worker' | 'api' | 'sandbox';

const ROOT = path.join(__dirname, '..', '..');
const ENTRY: Record<ChildName, string> = {
  worker: 'workers/main.ts',
  api: 'api/main.ts',
  sandbox: 'sandbox/main.ts',
};

/** A running child process. */
export interface Child extends ManagedProcess {
  readonly name: ChildName;
}

const pidFile = (dataDir: string, name: string) => path.join(dataDir, 'run', `${name}.pid`);

/** Stops children that a killed launcher left running on this data directory (they would hold its ports). */
export async function clearOrphanedChildren(dataDir: string): Promise<void> {
  for (const name of Object.keys(ENTRY) as ChildName[]) {
    await clearOrphan(pidFile(dataDir, name), `The ${name} process`, [ENTRY[name]], 'SIGTERM');
  }
}

/**
 * Starts one platform process (`node --import tsx <entry>`: tsx in a single process) with the given
 * environment and LUPAFLOW_PROCESS set; its output lines are printed prefixed with its name unless
 * `quiet`. `onUnexpectedExit` is called if it exits before `stop()` was called.
 */
export function startChild(
  name: ChildName,
  env: NodeJS.ProcessEnv,
  opts: {
    dataDir: string; quiet: boolean; onUnexpectedExit: (child: Child, code: number | null, signal: string | null) => void;
    /** LUPAFLOW_PROCESS and the pid file's name when several of a kind run (`api-2`, `worker-3`); default `name`. */
    processName?: string;
    /** Where its output lines go instead of stdout (e.g. a log file); `quiet` still wins. */
    onLine?: (line: string) => void;
  },
): Child {
  const processName = opts.processName ?? name;
  const managed = spawnManaged(processName, process.execPath, ['--import', 'tsx', ENTRY[name]], {
    env: { ...env, LUPAFLOW_PROCESS: processName },
    cwd: ROOT,
    onLine: opts.quiet ? undefined : opts.onLine ?? ((line) => process.stdout.write(`[${processName}] ${line}\n`)),
  });
  const file = pidFile(opts.dataDir, processName);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${managed.child.pid}\n`);
  let stopping = false;
  void managed.exited.then(({ code, signal }) => {
    rmSync(file, { force: true });
    if (!stopping) opts.onUnexpectedExit(child, code, signal);
  });
  const child: Child = {
    ...managed,
    name,
    stop: (graceMs?: number) => {
      stopping = true;
      return managed.stop(graceMs);
    },
    kill: () => {
      stopping = true;
      return managed.kill();
    },
  };
  return child;
}
