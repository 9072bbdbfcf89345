/**
 * `npm run bench`: N application lifecycles through the API of a platform of its own and, against the
 * same Temporal server, N bare workflows with the same Temporal traffic and empty bodies (the ceiling),
 * in alternating rounds so both see the same machine. Prints one JSON object with the figures, then a
 * short table with the targets of issue 2 §6 and a profile.
 */
import './own-log-level';
import os from 'node:os';
import { z } from 'zod';
import { parseEnv } from '../infra/config/env';
import { createApiClient, type ApiSession, type CallTiming } from './api-client';
import { startBareRunner } from './bare-ceiling';
import { runLifecycle } from './lifecycle-steps';
import { loginPool } from './login-pool';
import { pgCounters } from './pg-activity';
import { startBenchPlatform, type BenchPlatform } from './platform';
import { runPool } from './pool';
import { byRoute, cpuNote, historyNotes, latencyNotes, pgNote, type Note } from './profile-notes';
import { formatTable, machine, type BenchResult } from './report';
import { checkFormAgainstSchema, SAMPLE_SERVICE_ID, sampleCase, sampleForm, type ServiceDetail } from './sample-case';
import { summarize } from './stats';
import { TimedPhase } from './timed-phase';

const settings = parseEnv({
  BENCH_N: z.coerce.number().int().positive().default(50),
  BENCH_CONCURRENCY: z.coerce.number().int().positive().default(10),
  /** The N lifecycles and N bare ones run in this many alternating rounds. */
  BENCH_ROUNDS: z.coerce.number().int().positive().default(2),
});

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<void> {
  const { BENCH_N: n, BENCH_CONCURRENCY: concurrency, BENCH_ROUNDS: rounds } = settings;
  let cleanup: () => Promise<void> = async () => {};
  onInterrupt(() => cleanup());

  progress('starting a platform of its own (temp data dir, free ports)…');
  const platform = await startBenchPlatform((stop) => (cleanup = stop));
  try {
    progress(`healthy after ${platform.startupMs} ms; logging in ${concurrency} applicants, a handler and a decider…`);
    const figures = await Promise.race([
      measure(platform, n, concurrency, Math.min(rounds, n)),
      platform.failed.then((reason) => Promise.reject(new Error(reason))),
    ]);
    const result: BenchResult = { n, concurrency, ...figures.result, startupMs: platform.startupMs, machine: machine() };
    progress('stopping the platform and removing its data dir…');
    await platform.stop();
    console.log(JSON.stringify(result, null, 2));
    console.log(formatTable(result, figures.notes));
  } finally {
    await platform.stop();
  }
}

async function measure(platform: BenchPlatform, n: number, concurrency: number, rounds: number) {
  const pool = await loginPool(platform.apiUrl, concurrency);
  const calls: CallTiming[] = [];
  let recording = false;
  const client = (session: ApiSession) => createApiClient(platform.apiUrl, { session, onCall: (t) => recording && calls.push(t) });
  const applicants = pool.applicants.map(client);
  const actors = (i: number) => ({ applicant: applicants[i % applicants.length], handler: client(pool.handler), decider: client(pool.decider) });
  const service = await createApiClient(platform.apiUrl).get<ServiceDetail>(`/api/v1/services/${SAMPLE_SERVICE_ID}`);
  checkFormAgainstSchema(service.id, service.formSchema, sampleForm);

  const bare = await startBareRunner({ temporalAddress: platform.temporalAddress, namespace: platform.temporalNamespace });
  try {
    const warmup = Math.min(concurrency, n);
    progress(`warm-up: ${warmup} lifecycles and ${warmup} bare ones…`);
    await runPool(warmup, concurrency, async (i) => void (await runLifecycle(actors(i), sampleCase(`LVV/${1000 + n + i}/2026`))));
    await runPool(warmup, concurrency, (i) => bare.lifecycle(`bench-bare-warmup-${i}`));

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
      progress(`round ${round + 1}/${rounds}: ${count} lifecycles through the API, then ${count} bare, at concurrency ${concurrency}…`);
      recording = true;
      await api.run(from, count, async (i) => void realIds.push(await runLifecycle(actors(i), sampleCase(`LVV/${1000 + i}/2026`))));
      recording = false;
      await ceiling.run(from, count, async (i) => {
        const id = `bench-bare-${process.pid}-${i}`;
        await bare.lifecycle(id, recordBareStep);
        bareIds.push(id);
      });
      from += count;
    }
    progress(`${api.perSec.toFixed(2)} lifecycles/s (each ends DECIDED with its 30-day appeal period running), bare ${ceiling.perSec.toFixed(2)}/s`);
    // Read after the last bare round, which writes nothing to PostgreSQL: its statistics have been flushed by then.
    const pgAfter = await pgCounters(platform.databaseUrl);

    const isRead = (t: CallTiming) => t.method === 'GET';
    const notes: Note[] = [
      ['each lifecycle ends', 'DECIDED, with its 30-day appeal period running (FINAL would come after the appeal period)'],
      ...latencyNotes('API calls by route', byRoute(calls)),
      ...latencyNotes('bare steps (Temporal client)', bareStepMs),
      ...(await historyNotes(platform.temporalAddress, platform.temporalNamespace, realIds, bareIds)),
      cpuNote('CPU ms per lifecycle (API)', api),
      cpuNote('CPU ms per lifecycle (bare)', ceiling),
      pgNote(pgBefore, pgAfter, n),
      ['rounds (alternating API / bare)', String(rounds)],
      ['load average (1 min) before / after', `${loadBefore.toFixed(2)} / ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} CPUs`],
    ];
    const login = summarize(pool.loginMs);
    return {
      result: {
        lifecyclesPerSec: round2(api.perSec),
        bareCeilingPerSec: round2(ceiling.perSec),
        ratio: round2(api.perSec / ceiling.perSec),
        api: { read: summarize(calls.filter(isRead).map((t) => t.ms)), update: summarize(calls.filter((t) => !isRead(t)).map((t) => t.ms)) },
        login: { p50: login.p50, p99: login.p99 },
      },
      notes,
    };
  } finally {
    await bare.close();
  }
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Ctrl-C or SIGTERM: clean up (stop the platform, remove its dir), then exit. */
function onInterrupt(cleanup: () => Promise<void>): void {
  let interrupted = false;
  const handler = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    progress(`${signal}: stopping the platform and removing its data dir…`);
    void cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

main().catch((err: unknown) => {
  process.stderr.write(`\nbench failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
