/**
 * Lifecycles per second in portal and xroad mode, each against the bare-Temporal ceiling measured in
 * the same run: N lifecycles through the API and N bare workflows of the same Temporal shape (derived
 * from a real lifecycle's history), in alternating rounds so both see the same machine.
 */
import os from 'node:os';
import { z } from 'zod';
import { parseEnv } from '../../infra/config/env';
import { createApiClient, type ApiClient, type ApiSession, type CallTiming } from '../api-client';
import { startBareRunner, type BareRunner } from '../bare-ceiling';
import type { BareShape } from '../bare-shape';
import { fetchHistories } from '../history-fetch';
import { lifecycleSteps } from '../history-shape';
import { runLifecycle } from '../lifecycle-steps';
import { loginPool, type LoginPool } from '../login-pool';
import type { BenchContext, BenchPart, PartResult } from '../part';
import { pgCounters } from '../pg-activity';
import type { BenchPlatform } from '../platform';
import { runPool } from '../pool';
import { byRoute, cpuNote, historyNotes, latencyNotes, pgNote, type Note } from '../profile-notes';
import { checkFormAgainstSchema, SAMPLE_SERVICE_ID, sampleCase, sampleForm, type ServiceDetail } from '../sample-case';
import { summarize, type LatencySummary } from '../stats';
import { TimedPhase } from '../timed-phase';
import { authorityControl, runXroadLifecycle } from '../xroad-lifecycle-steps';

const MODES = ['portal', 'xroad'] as const;
type ModeName = (typeof MODES)[number];

const settingsShape = {
  /** Lifecycles per mode (and as many bare ones). */
  BENCH_N: z.coerce.number().int().positive().default(50),
  BENCH_CONCURRENCY: z.coerce.number().int().positive().default(10),
  /** The N lifecycles and N bare ones run in this many alternating rounds. */
  BENCH_ROUNDS: z.coerce.number().int().positive().default(2),
  BENCH_MODES: z.string().default(MODES.join(','))
    .transform((raw) => raw.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(MODES, { message: `each mode must be one of ${MODES.join(', ')}` })).min(1)),
};
type Settings = z.infer<z.ZodObject<typeof settingsShape>>;

/** Issue 7's target: a lifecycle rate at least this share of the bare ceiling. */
const RATIO_TARGET = 0.85;

/** One way a case goes from start to DECIDED, driven through the API (and the sandbox authority system). */
interface LifecycleMode {
  name: ModeName;
  /** One lifecycle; returns its workflow id. */
  run(i: number): Promise<string>;
  /** Undoes what preparing the mode changed in the sandbox. */
  release(): Promise<void>;
  /**
   * Workflow queries the API makes per lifecycle (not in the history, hence declared): the case's
   * service settings, asked once by each API instance and then kept (api/routers/case-settings-cache.ts),
   * for the calls that need them: the draft save, uploads, the submission, a supplement with a form.
   */
  queries: number;
}

export const part: BenchPart = {
  name: 'lifecycles',
  needsPlatform: true,
  async run(ctx: BenchContext): Promise<PartResult> {
    const platform = ctx.platform;
    if (!platform) throw new Error('the lifecycles part needs a platform');
    const settings = parseEnv(settingsShape, ctx.env);
    ctx.progress(`logging in ${settings.BENCH_CONCURRENCY} applicants, a handler and a decider…`);
    const pool = await loginPool(platform.apiUrl, settings.BENCH_CONCURRENCY);
    const bare = await startBareRunner({ temporalAddress: platform.temporalAddress, namespace: platform.temporalNamespace });
    try {
      const result: PartResult = { figures: { n: settings.BENCH_N, concurrency: settings.BENCH_CONCURRENCY, rounds: settings.BENCH_ROUNDS }, rows: [], notes: [] };
      for (const name of settings.BENCH_MODES) {
        const measured = await measureMode(ctx, platform, pool, bare, name, settings);
        result.figures[name] = measured.figures;
        result.rows.push(
          { figure: `${name}: lifecycles/s`, value: measured.figures.lifecyclesPerSec.toFixed(2) },
          { figure: `${name}: bare ceiling/s`, value: measured.figures.bareCeilingPerSec.toFixed(2) },
          { figure: `${name}: CPU ms per lifecycle, real / bare`, value: `${measured.figures.cpuMsPerLifecycle.real} / ${measured.figures.cpuMsPerLifecycle.bare}` },
          { figure: `${name}: ratio to the bare ceiling`, value: measured.figures.ratio.toFixed(2), target: `≥ ${RATIO_TARGET}`, met: measured.figures.ratio >= RATIO_TARGET },
          { figure: `${name}: Temporal server CPU ms per lifecycle, real / bare (ratio where it is the limit)`, value: `${measured.figures.temporal.realCpuMs} / ${measured.figures.temporal.bareCpuMs} (${measured.figures.temporal.ratio.toFixed(2)})` },
          { figure: `${name}: CPU ms the target allows a lifecycle here; API + PostgreSQL alone`, value: `${measured.figures.cpuBudgetMs.allowed}; ${measured.figures.cpuBudgetMs.apiAndPostgres}` },
        );
        result.notes!.push([`── ${name} mode`, `${settings.BENCH_N} lifecycles at concurrency ${settings.BENCH_CONCURRENCY}`], ...measured.notes);
      }
      return result;
    } finally {
      await bare.close();
    }
  },
};

/** The API calls of the timed lifecycles (warm-up and bare rounds are not recorded). */
interface CallLog {
  recording: boolean;
  calls: CallTiming[];
}

async function prepareMode(name: ModeName, platform: BenchPlatform, pool: LoginPool, log: CallLog): Promise<LifecycleMode> {
  const client = (session: ApiSession): ApiClient => createApiClient(platform.apiUrls, { session, onCall: (t) => log.recording && log.calls.push(t) });
  const applicants = pool.applicants.map(client);
  if (name === 'portal') {
    const service = await createApiClient(platform.apiUrl).get<ServiceDetail>(`/api/v1/services/${SAMPLE_SERVICE_ID}`);
    checkFormAgainstSchema(service.id, service.formSchema, sampleForm);
    const handler = client(pool.handler);
    const decider = client(pool.decider);
    // Four calls need the settings: the draft save, the site plan's upload and the submission (twice).
    return {
      name, queries: Math.min(4, platform.apiUrls.length), release: async () => {},
      run: (i) => runLifecycle({ applicant: applicants[i % applicants.length], handler, decider }, sampleCase(`LVV/${1000 + i}/2026`)),
    };
  }
  const authoritySystem = platform.sandboxUrls.authoritySystem;
  if (!authoritySystem) throw new Error('xroad mode needs the sandbox authority system (sandboxUrls.authoritySystem)');
  const authority = authorityControl(authoritySystem);
  const handBack = await authority.takeOver();
  // Four calls need the settings: the draft save, the submission (twice), the supplement with its corrected form.
  return { name, queries: Math.min(4, platform.apiUrls.length), release: handBack, run: (i) => runXroadLifecycle(applicants[i % applicants.length], authority) };
}

interface ModeFigures {
  lifecyclesPerSec: number;
  bareCeilingPerSec: number;
  ratio: number;
  api: { read: LatencySummary; update: LatencySummary };
  /** CPU of every measured process per lifecycle (ms): steadier than the rates on a busy machine. */
  cpuMsPerLifecycle: { real: number; bare: number };
  /**
   * The Temporal server's CPU per lifecycle, real and bare, and their ratio: the rate ratio where the
   * server is the limit (production, where APIs and workers scale out and Temporal is shared), as
   * opposed to this machine, where every process shares the same two CPUs.
   */
  temporal: { realCpuMs: number; bareCpuMs: number; ratio: number };
  /** The real lifecycle's CPU the target allows (bare / target), and what the API and PostgreSQL alone use of it. */
  cpuBudgetMs: { allowed: number; apiAndPostgres: number };
  shape: BareShape;
}

async function measureMode(ctx: BenchContext, platform: BenchPlatform, pool: LoginPool, bare: BareRunner, name: ModeName, s: Settings): Promise<{ figures: ModeFigures; notes: Note[] }> {
  const { BENCH_N: n, BENCH_CONCURRENCY: concurrency } = s;
  const rounds = Math.min(s.BENCH_ROUNDS, n);
  const log: CallLog = { recording: false, calls: [] };
  const mode = await prepareMode(name, platform, pool, log);
  try {
    return await measurePrepared(ctx, platform, bare, mode, { n, concurrency, rounds }, log);
  } finally {
    await mode.release();
  }
}

async function measurePrepared(
  ctx: BenchContext, platform: BenchPlatform, bare: BareRunner, mode: LifecycleMode, sizes: { n: number; concurrency: number; rounds: number }, log: CallLog,
): Promise<{ figures: ModeFigures; notes: Note[] }> {
  const { n, concurrency, rounds } = sizes;
  const { name } = mode;
  const tag = `${name}-${process.pid}-${Date.now()}`;

  const warmup = Math.min(concurrency, n);
  ctx.progress(`${name}: warm-up, ${warmup} lifecycles…`);
  const warmIds: string[] = [];
  await runPool(warmup, concurrency, async (i) => void warmIds.push(await mode.run(n + i)));
  // The ceiling repeats what Temporal saw of a real lifecycle, read from its history.
  const steps = lifecycleSteps((await fetchHistories(platform.temporalAddress, platform.temporalNamespace, warmIds.slice(0, 1)))[0]);
  const shape: BareShape = { steps, queries: mode.queries };
  ctx.progress(`${name}: shape ${steps.map((st) => `${st.name}(${st.activities})`).join(' → ')}, ${mode.queries} queries; ${warmup} bare warm-up…`);
  const warmBareIds = Array.from({ length: warmup }, (_, i) => `bench-bare-warmup-${tag}-${i}`);
  await runPool(warmup, concurrency, (i) => bare.lifecycle(warmBareIds[i], shape));

  const realIds: string[] = [];
  const bareIds: string[] = [];
  const bareStepMs = new Map<string, number[]>();
  const recordBareStep = (step: string, ms: number) => bareStepMs.set(step, [...(bareStepMs.get(step) ?? []), ms]);
  const api = new TimedPhase(platform.dataDir, concurrency);
  const ceiling = new TimedPhase(platform.dataDir, concurrency);
  const pgBefore = await pgCounters(platform.databaseUrl);
  const loadBefore = os.loadavg()[0];
  for (let round = 0, from = 0; round < rounds; round++) {
    const count = Math.floor((n * (round + 1)) / rounds) - from;
    ctx.progress(`${name}: round ${round + 1}/${rounds}: ${count} lifecycles through the API, then ${count} bare, at concurrency ${concurrency}…`);
    log.recording = true;
    await api.run(from, count, async (i) => void realIds.push(await mode.run(i)));
    log.recording = false;
    await ceiling.run(from, count, async (i) => {
      const id = `bench-bare-${tag}-${i}`;
      await bare.lifecycle(id, shape, recordBareStep);
      bareIds.push(id);
    });
    from += count;
  }
  ctx.progress(`${name}: ${api.perSec.toFixed(2)} lifecycles/s (each ends DECIDED), bare ${ceiling.perSec.toFixed(2)}/s`);
  // Read after the last bare round, which writes nothing to PostgreSQL: its statistics have been flushed by then.
  const pgAfter = await pgCounters(platform.databaseUrl);

  const isRead = (t: CallTiming) => t.method === 'GET';
  const history = await historyNotes(platform.temporalAddress, platform.temporalNamespace, realIds, bareIds);
  await bare.terminate([...warmBareIds, ...bareIds]);
  const notes: Note[] = [
    ...latencyNotes('API calls by route', byRoute(log.calls)),
    ...latencyNotes('bare steps (Temporal client)', bareStepMs),
    ...history,
    cpuNote('CPU ms per lifecycle (API)', api),
    cpuNote('CPU ms per lifecycle (bare)', ceiling),
    pgNote(pgBefore, pgAfter, n),
    ['rounds (alternating API / bare)', String(rounds)],
    ['load average (1 min) before / after', `${loadBefore.toFixed(2)} / ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} CPUs`],
  ];
  return {
    figures: {
      lifecyclesPerSec: round2(api.perSec),
      bareCeilingPerSec: round2(ceiling.perSec),
      ratio: round2(api.perSec / ceiling.perSec),
      api: { read: summarize(log.calls.filter(isRead).map((t) => t.ms)), update: summarize(log.calls.filter((t) => !isRead(t)).map((t) => t.ms)) },
      cpuMsPerLifecycle: { real: api.cpuMsPerTask, bare: ceiling.cpuMsPerTask },
      temporal: {
        realCpuMs: api.cpuMsPerTaskOf('temporal'),
        bareCpuMs: ceiling.cpuMsPerTaskOf('temporal'),
        ratio: round2(ceiling.cpuMsPerTaskOf('temporal') / api.cpuMsPerTaskOf('temporal')),
      },
      cpuBudgetMs: {
        allowed: Math.round(ceiling.cpuMsPerTask / RATIO_TARGET),
        apiAndPostgres: apiAndPostgresCpuMs(api),
      },
      shape,
    },
    notes,
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** CPU per lifecycle of the API instances and PostgreSQL: work the bare ceiling has no counterpart for. */
function apiAndPostgresCpuMs(phase: TimedPhase): number {
  return Object.keys(phase.cpu).filter((label) => /^(api(-\d+)?|postgres)$/.test(label)).reduce((sum, label) => sum + phase.cpuMsPerTaskOf(label), 0);
}
