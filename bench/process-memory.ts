/**
 * A worker's memory from outside: RSS from /proc (all of it: V8 heap, the workflow isolates, the
 * Temporal Rust core and its sticky cache), and the V8 heap from the worker's own /metrics (prom-client
 * default metrics), whose port the worker was given in WORKER_METRICS_PORT.
 */
import { readFileSync } from 'node:fs';

export interface ProcessMemory {
  pid: number;
  rssMb: number;
  /** V8 heap in use, from the worker's /metrics; null when it cannot be read. */
  heapUsedMb: number | null;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** VmRSS of a process in bytes (from /proc/<pid>/status). */
export function residentBytes(status: string): number {
  const kb = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  if (!kb) throw new Error('no VmRSS line in the process status');
  return Number(kb) * 1024;
}

/** A gauge's value from Prometheus text exposition; undefined when absent. */
export function gaugeValue(metricsText: string, name: string): number | undefined {
  const line = metricsText.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  if (!line) return undefined;
  const value = Number(line.slice(line.lastIndexOf(' ') + 1));
  return Number.isNaN(value) ? undefined : value;
}

async function heapUsedBytes(pid: number): Promise<number | undefined> {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    const port = environ.find((e) => e.startsWith('WORKER_METRICS_PORT='))?.split('=')[1];
    if (!port || port === '0') return undefined;
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(10_000) });
    return res.ok ? gaugeValue(await res.text(), 'nodejs_heap_size_used_bytes') : undefined;
  } catch {
    return undefined;
  }
}

export async function processMemory(pid: number): Promise<ProcessMemory> {
  const heap = await heapUsedBytes(pid);
  return { pid, rssMb: mb(residentBytes(readFileSync(`/proc/${pid}/status`, 'utf8'))), heapUsedMb: heap === undefined ? null : mb(heap) };
}
