import { readFileSync, rmSync } from 'node:fs';
import { logger } from '../logger';

/**
 * Deals with a server a killed launcher left behind, found through its pid file, before starting it again:
 * - pid file without a live process, or whose pid now runs another program (pid reuse): the file is removed;
 * - the server still runs but its launcher died (its parent is no longer node): it is stopped with `signal`
 *   (SIGINT = PostgreSQL's fast shutdown, a clean stop for the Temporal CLI), SIGKILL after 15 s;
 * - the server is still owned by a live launcher: another `npm start` is running, which is an error.
 * Linux only (/proc); elsewhere the servers' own checks apply.
 */
export async function clearOrphan(pidFile: string, what: string, mustContain: string[], signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
  if (process.platform !== 'linux') return;
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  } catch {
    return;
  }
  const command = procCmdline(pid);
  if (!Number.isInteger(pid) || pid <= 0 || command === null || !mustContain.every((part) => command.includes(part))) {
    rmSync(pidFile, { force: true });
    return;
  }
  const parent = procCmdline(procParent(pid));
  if (parent !== null && /node|tsx/.test(parent)) {
    throw new Error(`${what} (pid ${pid}) is already running: another \`npm start\` is using ${pidFile}. Stop it first.`);
  }
  logger.warn({ event: 'orphan_stopped', what, pid }, `stopping ${what} an earlier, killed run left behind`);
  process.kill(pid, signal);
  if (!(await exitsWithin(pid, 15_000))) {
    process.kill(pid, 'SIGKILL');
    if (!(await exitsWithin(pid, 2_000))) throw new Error(`${what} (pid ${pid}) left by an earlier run did not stop; kill it.`);
  }
  rmSync(pidFile, { force: true });
}

async function exitsWithin(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (procCmdline(pid) !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return procCmdline(pid) === null;
}

/** The command line of a live process, or null when there is none or it is a zombie. */
function procCmdline(pid: number): string | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw ? raw.replace(/\0/g, ' ') : null;
  } catch {
    return null;
  }
}

function procParent(pid: number): number {
  try {
    // Field 4 of /proc/<pid>/stat, after the parenthesised command name.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
  } catch {
    return -1;
  }
}
