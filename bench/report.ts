import os from 'node:os';
import type { LatencySummary } from './stats';

/** The benchmark's figures, printed as one JSON object. */
export interface BenchResult {
  n: number;
  concurrency: number;
  lifecyclesPerSec: number;
  bareCeilingPerSec: number;
  ratio: number;
  api: { read: LatencySummary; update: LatencySummary };
  login: { p50: number; p99: number };
  startupMs: number;
  machine: { cpus: number; node: string };
}

/** Targets of issue 2 §6, for the benchmark only (never timed tests). */
export const TARGETS = { ratio: 0.85, apiReadP99Ms: 50, startupMs: 15_000 } as const;

/** Describes this machine, since every figure depends on it. */
export const machine = () => ({ cpus: os.cpus().length, node: process.version });

/** Each target, its figure and whether it was met. */
export function targetChecks(r: BenchResult): { name: string; figure: string; target: string; met: boolean }[] {
  return [
    { name: 'lifecycle rate / bare ceiling', figure: r.ratio.toFixed(2), target: `≥ ${TARGETS.ratio}`, met: r.ratio >= TARGETS.ratio },
    { name: 'API read p99', figure: `${r.api.read.p99} ms`, target: `< ${TARGETS.apiReadP99Ms} ms`, met: r.api.read.p99 < TARGETS.apiReadP99Ms },
    { name: 'start-up to healthy', figure: `${(r.startupMs / 1000).toFixed(1)} s`, target: `< ${TARGETS.startupMs / 1000} s`, met: r.startupMs < TARGETS.startupMs },
  ];
}

/** A short human-readable table of the figures and targets. */
export function formatTable(r: BenchResult, extraRows: [string, string][] = []): string {
  const rows: [string, string][] = [
    ['lifecycles', `${r.n} at concurrency ${r.concurrency}`],
    ['lifecycles/s (API, full stack)', r.lifecyclesPerSec.toFixed(2)],
    ['bare ceiling/s (same Temporal server)', r.bareCeilingPerSec.toFixed(2)],
    ['API reads p50 / p99', `${r.api.read.p50} / ${r.api.read.p99} ms (${r.api.read.count} calls)`],
    ['API updates p50 / p99', `${r.api.update.p50} / ${r.api.update.p99} ms (${r.api.update.count} calls)`],
    ['login p50 / p99', `${r.login.p50} / ${r.login.p99} ms`],
    ['machine', `${r.machine.cpus} CPUs, Node ${r.machine.node}`],
    ...extraRows,
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  lines.push('', '  targets:');
  for (const t of targetChecks(r)) lines.push(`  ${t.met ? 'MET   ' : 'MISSED'} ${t.name}: ${t.figure} (target ${t.target})`);
  return lines.join('\n');
}
