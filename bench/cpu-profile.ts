import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time by platform component (Linux /proc), to tell which part of the stack a lifecycle costs.
 * A component is a process whose command line names the bench's data dir (Temporal, PostgreSQL) or
 * whose environment has LUPAFLOW_PROCESS with that DATA_DIR (worker, API, sandbox), plus all its
 * descendants (PostgreSQL backends); `bench` is this process (load generator and bare worker).
 */
export type CpuSnapshot = Map<string, number>;

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux architecture Node supports

/** CPU seconds used so far per component; empty where /proc is not available. */
export function cpuSnapshot(dataDir: string): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  const own = process.cpuUsage();
  snapshot.set('bench', (own.user + own.system) / 1e6);
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return snapshot;
  }
  const stats = new Map<number, { ppid: number; seconds: number }>();
  for (const pid of pids) {
    const stat = read(`/proc/${pid}/stat`);
    if (!stat) continue;
    // Fields after the parenthesised command: state ppid … utime(12) stime(13), 0-based after ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    stats.set(pid, { ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND });
  }
  const labelOf = new Map<number, string>();
  for (const pid of stats.keys()) {
    if (pid === process.pid) continue;
    const label = rootLabel(pid, dataDir);
    if (label) labelOf.set(pid, label);
  }
  for (const [pid, { seconds }] of stats) {
    const label = inherited(pid, labelOf, stats);
    if (label) snapshot.set(label, (snapshot.get(label) ?? 0) + seconds);
  }
  return snapshot;
}

/** CPU seconds per component between two snapshots, rounded to 0.01 s. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [label, seconds] of after) out[label] = Math.round((seconds - (before.get(label) ?? 0)) * 100) / 100;
  return out;
}

function rootLabel(pid: number, dataDir: string): string | undefined {
  const cmdline = read(`/proc/${pid}/cmdline`)?.split('\0').join(' ') ?? '';
  if (cmdline.includes(dataDir)) {
    if (/\btemporal\b.*server/.test(cmdline)) return 'temporal';
    if (/postgres/.test(cmdline)) return 'postgres';
  }
  const environ = read(`/proc/${pid}/environ`)?.split('\0') ?? [];
  if (!environ.includes(`DATA_DIR=${dataDir}`)) return undefined;
  return environ.find((e) => e.startsWith('LUPAFLOW_PROCESS='))?.slice('LUPAFLOW_PROCESS='.length);
}

function inherited(pid: number, labelOf: Map<number, string>, stats: Map<number, { ppid: number }>): string | undefined {
  for (let p: number | undefined = pid, hops = 0; p && hops < 16; p = stats.get(p)?.ppid, hops++) {
    const label = labelOf.get(p);
    if (label) return label;
  }
  return undefined;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
