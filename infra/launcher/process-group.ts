import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

/** A spawned process running in its own process group, with its recent output kept for error messages. */
export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines the process printed, for error messages. */
  recentOutput(): string;
  /** SIGTERM to the whole group, then SIGKILL after `graceMs` if it is still running. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL to the whole group at once, as a crash would end it (fault injection); resolves when it has exited. */
  kill(): Promise<void>;
}

const RECENT_LINES = 40;
const running = new Set<ChildProcess>();

// Last resort: if the launcher itself exits without stopping its children, do not leave them behind.
process.once('exit', () => {
  for (const child of running) signalGroup(child, 'SIGKILL');
});

/**
 * Spawns `command` in a new process group (so a terminal's Ctrl-C reaches only the launcher, which
 * then stops children in order) and hands every output line to `onLine`.
 */
export function spawnManaged(
  name: string,
  command: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; cwd?: string; onLine?: (line: string) => void },
): ManagedProcess {
  const child = spawn(command, args, { env: opts.env, cwd: opts.cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const recent: string[] = [];
  const collect = (line: string) => {
    recent.push(line);
    if (recent.length > RECENT_LINES) recent.shift();
    opts.onLine?.(line);
  };
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) readline.createInterface({ input: stream }).on('line', collect);
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (err) => { collect(`${name}: ${err.message}`); running.delete(child); resolve({ code: null, signal: null }); });
    child.once('exit', (code, signal) => { running.delete(child); resolve({ code, signal }); });
  });
  return {
    name,
    child,
    exited,
    recentOutput: () => recent.join('\n'),
    async stop(graceMs = 10_000) {
      if (!running.has(child)) return;
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Grandchildren that ignored SIGTERM must not outlive their leader.
      signalGroup(child, 'SIGKILL');
    },
    async kill() {
      if (!running.has(child)) return;
      signalGroup(child, 'SIGKILL');
      await exited;
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}
