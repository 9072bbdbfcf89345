/**
 * The contract between the bench suite (bench/suite.ts) and its parts (bench/parts/<name>.ts): a part
 * gets the running platform (or none), measures, and answers its figures for the JSON and its rows for
 * the table.
 */
import type { BenchPlatform } from './platform';

export interface BenchContext {
  /** The platform every part that needs one shares; null for a part that needs none. */
  platform: BenchPlatform | null;
  /** One progress line on stderr (stdout is the report). */
  progress(line: string): void;
  env: NodeJS.ProcessEnv;
}

/** One line of the table: a figure, and where it has one, its target and whether it was met. */
export interface TableRow {
  figure: string;
  value: string;
  target?: string;
  met?: boolean;
}

export interface PartResult {
  /** The part's figures in the JSON report. */
  figures: Record<string, unknown>;
  rows: TableRow[];
  /** Profile lines printed under the table: [label, text]. */
  notes?: [string, string][];
}

export interface BenchPart {
  name: string;
  needsPlatform: boolean;
  run(ctx: BenchContext): Promise<PartResult>;
}
