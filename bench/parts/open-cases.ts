/**
 * open-cases: a worker holding BENCH_OPEN_CASES open cases (default 10,000 then 100,000), each a real
 * application workflow in DRAFT waiting on its draft-expiry timer (bench/open-case-starter.ts). After
 * each size has opened and settled: the worker's RSS and V8 heap, and the time to find the cases by
 * search attribute (bench/list-timing.ts). Target: worker memory flat, under 1 GB.
 */
import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import { z } from 'zod';
import { visibilityQuery } from '../../api/operator/visibility-query';
import { createSessionStore } from '../../api/session/store';
import type { Session } from '../../api/session/types';
import { loadCoreConfig } from '../../infra/config/core';
import { parseEnv } from '../../infra/config/env';
import { createDb } from '../../infra/db';
import { ensureDevSecrets } from '../../infra/launcher/dev-secrets';
import { connectClient } from '../../infra/temporal/connection';
import { loginThroughSandbox } from '../../sandbox/saml-idp/driver';
import { createApiClient } from '../api-client';
import { timeListing, type ListTimings } from '../list-timing';
import { startOpenCases } from '../open-case-starter';
import type { BenchPart, TableRow } from '../part';
import type { BenchPlatform } from '../platform';
import { processMemory, type ProcessMemory } from '../process-memory';
import { DEMO_PEOPLE, SAMPLE_SERVICE_ID, TEST_APPLICANTS } from '../sample-case';

const MEMORY_TARGET_MB = 1024;
const OPERATOR = 'olli.operaattori@lvv.fi';
const AUTHORITY = 'lvv';
const POLL_MS = 5_000;

const settingsShape = {
  BENCH_OPEN_CASES: z.string().default('10000,100000')
    .transform((raw) => raw.split(',').map((s) => Number(s.trim())))
    .pipe(z.array(z.number().int().positive()).min(1)),
  BENCH_OPEN_CASES_CONCURRENCY: z.coerce.number().int().min(1).default(32),
  /** Seconds to wait after every case is open, before memory is read. */
  BENCH_OPEN_CASES_SETTLE_SECONDS: z.coerce.number().min(0).default(30),
  /** Give up when the open count has not grown for this long. */
  BENCH_OPEN_CASES_STALL_MINUTES: z.coerce.number().positive().default(5),
};

export interface SizeFigures {
  openCases: number;
  startedNow: number;
  /** From the first start call until the last returned. */
  startSeconds: number;
  /** From the first start call until visibility counted every case in DRAFT. */
  openSeconds: number;
  worker: ProcessMemory | null;
  /** The worker's highest RSS seen (every 30 s) while these cases opened. */
  peakRssMbWhileOpening: number | null;
  listing: ListTimings;
}

const MEMORY_SAMPLE_MS = 30_000;

/** Samples the worker's RSS until stopped; the highest value seen. */
function peakRss(memory: () => Promise<ProcessMemory | null>): { stop(): number | null } {
  let peak: number | null = null;
  const timer = setInterval(() => {
    void memory().then((m) => { if (m) peak = Math.max(peak ?? 0, m.rssMb); }).catch(() => undefined);
  }, MEMORY_SAMPLE_MS);
  return { stop: () => { clearInterval(timer); return peak; } };
}

/** The applicant's session as the platform stores it, kept alive (and renewed if it ends) while cases start. */
async function liveApplicantSession(platform: BenchPlatform, db: Knex): Promise<{ current(): Session; stop(): void }> {
  const store = createSessionStore(db, { idleMinutes: 30, maxHours: 10 });
  const login = async () => {
    const { cookie } = await loginThroughSandbox({ apiBaseUrl: platform.apiUrls[0], idp: 'suomifi', user: TEST_APPLICANTS[0] });
    const token = cookie.slice(cookie.indexOf('=') + 1);
    const found = await store.findByToken(token);
    if (!found) throw new Error('the applicant session just created was not found');
    return { token, session: found.session };
  };
  let live = await login();
  // findByToken slides the idle expiry, as a request of the applicant would.
  const timer = setInterval(() => {
    void store.findByToken(live.token).then(async (found) => (live = found ? { ...live, session: found.session } : await login())).catch(() => undefined);
  }, 60_000);
  return { current: () => live.session, stop: () => clearInterval(timer) };
}

async function waitUntilOpen(client: Client, query: string, target: number, stallMs: number, progress: (line: string) => void): Promise<void> {
  let best = -1;
  let lastGrowth = Date.now();
  for (;;) {
    const { count } = await client.workflow.count(query);
    if (count >= target) return;
    if (count > best) {
      best = count;
      lastGrowth = Date.now();
    } else if (Date.now() - lastGrowth > stallMs) {
      throw new Error(`only ${count} of ${target} cases reached DRAFT; none more for ${stallMs / 60_000} minutes`);
    }
    progress(`${count} of ${target} open`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export const part: BenchPart = {
  name: 'open-cases',
  needsPlatform: true,
  async run(ctx) {
    const settings = parseEnv(settingsShape, ctx.env);
    const sizes = [...settings.BENCH_OPEN_CASES].sort((a, b) => a - b);
    const platform = ctx.platform!;
    const env = { ...ctx.env, TEMPORAL_ADDRESS: platform.temporalAddress, TEMPORAL_NAMESPACE: platform.temporalNamespace, DATABASE_URL: platform.databaseUrl };
    // The payload codec keys: the platform's own dev secrets, or (a platform run elsewhere without a data dir here) the environment's.
    const config = loadCoreConfig({ ...env, ...(platform.dataDir ? ensureDevSecrets(platform.dataDir, env) : {}) });
    const client = await connectClient(config);
    const db = createDb(platform.databaseUrl, { max: Math.min(settings.BENCH_OPEN_CASES_CONCURRENCY, 16) });
    const session = await liveApplicantSession(platform, db);
    try {
      // Logged in afresh before each listing: opening 100,000 cases outlasts an official's session.
      const login = async (user: string) => createApiClient(platform.apiUrls, { session: await loginThroughSandbox({ apiBaseUrl: platform.apiUrls[0], idp: 'virtu', user }) });
      const query = visibilityQuery({ service: SAMPLE_SERVICE_ID, status: 'DRAFT' });
      const operatorPath = `/api/v1/operator/cases?service=${SAMPLE_SERVICE_ID}&status=DRAFT`;
      const workerPid = platform.workerPids[0];
      const memory = async () => (workerPid ? processMemory(workerPid) : null);
      const before = await memory();

      const results: SizeFigures[] = [];
      for (const size of sizes) {
        const already = (await client.workflow.count(query)).count;
        const toStart = Math.max(0, size - already);
        ctx.progress(`${size} open cases: starting ${toStart} (${already} already open), ${settings.BENCH_OPEN_CASES_CONCURRENCY} at a time…`);
        const started = performance.now();
        const peak = peakRss(memory);
        await startOpenCases({ client, db, taskQueue: config.TEMPORAL_TASK_QUEUE, authorityId: AUTHORITY, session: session.current }, toStart, settings.BENCH_OPEN_CASES_CONCURRENCY, (n) => {
          if (n % 1000 === 0) ctx.progress(`${n} of ${toStart} started`);
        });
        const startSeconds = (performance.now() - started) / 1000;
        await waitUntilOpen(client, query, size, settings.BENCH_OPEN_CASES_STALL_MINUTES * 60_000, ctx.progress);
        const openSeconds = (performance.now() - started) / 1000;
        ctx.progress(`all ${size} open after ${Math.round(openSeconds)} s; settling ${settings.BENCH_OPEN_CASES_SETTLE_SECONDS} s…`);
        await new Promise((resolve) => setTimeout(resolve, settings.BENCH_OPEN_CASES_SETTLE_SECONDS * 1000));
        const peakRssMbWhileOpening = peak.stop();
        const worker = await memory();
        // Printed at once, so that a later failure does not lose it.
        ctx.progress(`${size} open: worker RSS ${worker?.rssMb ?? '?'} MB, heap ${worker?.heapUsedMb ?? '?'} MB; highest RSS while opening ${peakRssMbWhileOpening ?? '?'} MB`);
        const [operator, official] = await Promise.all([login(OPERATOR), login(DEMO_PEOPLE.handler)]);
        const listing = await timeListing(client, query, { operator, official, operatorPath });
        ctx.progress(`${size} open: count ${listing.countMs} ms, first 200 ${listing.listFirstPageMs} ms, operator search ${listing.operatorSearchMs} ms, official queue ${listing.officialQueueMs} ms`);
        results.push({ openCases: size, startedNow: toStart, startSeconds: Math.round(startSeconds), openSeconds: Math.round(openSeconds), worker, peakRssMbWhileOpening, listing });
      }

      const largest = results[results.length - 1];
      const rssValues = results.map((r) => r.worker?.rssMb ?? NaN);
      const flat = workerPid !== undefined && rssValues.every((rss) => rss < MEMORY_TARGET_MB);
      const rows: TableRow[] = [
        {
          figure: `worker RSS at ${results.map((r) => r.openCases).join(' / ')} open cases`,
          value: workerPid
            ? `${rssValues.join(' / ')} MB (before: ${before?.rssMb} MB; heap ${results.map((r) => r.worker?.heapUsedMb ?? '?').join(' / ')} MB; highest while opening ${results.map((r) => r.peakRssMbWhileOpening ?? '?').join(' / ')} MB)`
            : 'unknown (no worker pid)',
          target: '< 1 GB, flat', met: flat && results.every((r) => (r.peakRssMbWhileOpening ?? 0) < MEMORY_TARGET_MB),
        },
        ...results.map((r): TableRow => ({
          figure: `${r.openCases} open: find by search attribute`,
          value: `count ${r.listing.countMs} ms, first 200 ${r.listing.listFirstPageMs} ms, operator search ${r.listing.operatorSearchMs} ms, official queue ${r.listing.officialQueueMs} ms`,
        })),
        { figure: `time to open ${largest.startedNow} cases`, value: `${largest.openSeconds} s (${Math.round(largest.startedNow / Math.max(largest.openSeconds, 1))}/s; start calls done after ${largest.startSeconds} s)` },
      ];
      return {
        figures: { sizes: results, workerBefore: before, targetMb: MEMORY_TARGET_MB, concurrency: settings.BENCH_OPEN_CASES_CONCURRENCY },
        rows,
        notes: [
          ['starting', 'through the Temporal client with the input, number and search attributes the API builds (not waiting on each open update); each case opens itself (identity check, events) and waits in DRAFT'],
          ['listing', `visibility query "${query}": count, the first page of 200; API: GET ${operatorPath} (operator) and GET /api/v1/official/cases (official queue, PostgreSQL read model)`],
        ],
      };
    } finally {
      session.stop();
      await db.destroy();
      await client.connection.close();
    }
  },
};
