/**
 * Runs bench parts one after another on one shared platform and renders the report: one JSON object,
 * then a markdown table of every figure with its target and met/missed. Kept apart from the CLI
 * (bench/suite.ts) so a test can run it with a tiny part of its own.
 */
import os from 'node:os';
import type { BenchPart, PartResult, TableRow } from './part';
import type { BenchPlatform } from './platform';

export interface SuiteReport {
  machine: { cpus: number; node: string; loadAverage1m: number };
  startedAt: string;
  parts: Record<string, Record<string, unknown>>;
}

export interface SuiteOptions {
  /** Starts (or connects to) the platform; called once, and only when a part needs one. */
  platform(): Promise<BenchPlatform>;
  progress(line: string): void;
  env: NodeJS.ProcessEnv;
}

export interface SuiteOutcome {
  report: SuiteReport;
  /** Every part's rows, in order, for the table. */
  rows: { part: string; row: TableRow }[];
  notes: { part: string; notes: [string, string][] }[];
  /** True when a part threw: its error is in the report and the table, and the run exits non-zero. */
  failed: boolean;
}

/** Runs `parts` in order; a failing part is reported and the others still run. Stops the platform it started. */
export async function runSuite(parts: BenchPart[], opts: SuiteOptions): Promise<SuiteOutcome> {
  const outcome: SuiteOutcome = {
    report: { machine: { cpus: os.cpus().length, node: process.version, loadAverage1m: round2(os.loadavg()[0]) }, startedAt: new Date().toISOString(), parts: {} },
    rows: [],
    notes: [],
    failed: false,
  };
  let platform: BenchPlatform | null = null;
  try {
    for (const part of parts) {
      if (part.needsPlatform && !platform) {
        opts.progress('starting the platform the parts share…');
        platform = await opts.platform();
      }
      opts.progress(`part ${part.name}…`);
      const ctx = { platform: part.needsPlatform ? platform : null, progress: (line: string) => opts.progress(`${part.name}: ${line}`), env: opts.env };
      let result: PartResult;
      try {
        const died = platform?.failed.then((reason) => Promise.reject(new Error(reason)));
        result = await (died ? Promise.race([part.run(ctx), died]) : part.run(ctx));
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        opts.progress(`part ${part.name} failed: ${message}`);
        outcome.failed = true;
        outcome.report.parts[part.name] = { error: message };
        outcome.rows.push({ part: part.name, row: { figure: 'part', value: `FAILED: ${message.split('\n')[0]}`, met: false } });
        continue;
      }
      outcome.report.parts[part.name] = result.figures;
      for (const row of result.rows) outcome.rows.push({ part: part.name, row });
      if (result.notes?.length) outcome.notes.push({ part: part.name, notes: result.notes });
    }
  } finally {
    if (platform && !platform.external) {
      opts.progress('stopping the platform and removing its data dir…');
      await platform.stop();
    }
  }
  return outcome;
}

/** The markdown table under the JSON: part, figure, value, target, met/missed; then each part's profile notes. */
export function formatSuiteTable(outcome: SuiteOutcome): string {
  const lines = ['| part | figure | value | target | |', '| --- | --- | --- | --- | --- |'];
  for (const { part, row } of outcome.rows) {
    const verdict = row.met === undefined ? '' : row.met ? 'met' : '**MISSED**';
    lines.push(`| ${part} | ${cell(row.figure)} | ${cell(row.value)} | ${cell(row.target ?? '')} | ${verdict} |`);
  }
  for (const { part, notes } of outcome.notes) {
    lines.push('', `${part}:`);
    const width = Math.max(...notes.map(([k]) => k.length));
    for (const [k, v] of notes) lines.push(`  ${k.padEnd(width)}  ${v}`);
  }
  return lines.join('\n');
}

const cell = (text: string) => text.replace(/\|/g, '\\|');
const round2 = (x: number) => Math.round(x * 100) / 100;
