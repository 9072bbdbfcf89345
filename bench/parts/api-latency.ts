/**
 * api-latency: the applicant's API under a fixed request rate (open loop, bench/open-loop.ts). Reads
 * (case view, own list, timeline, service list) at BENCH_READ_RATE for BENCH_LATENCY_SECONDS, then
 * submits of prepared drafts at BENCH_SUBMIT_RATE for as long. One after the other, so each figure
 * is that kind of request's own (a submit sets the worker and Temporal to work, which on a small
 * machine would take CPU from the reads). Any non-2xx answer is an error.
 */
import { z } from 'zod';
import { parseEnv } from '../../infra/config/env';
import { createApiClient, type ApiClient } from '../api-client';
import { prepareDrafts, type PreparedDraft } from '../drafts';
import { fullLatencySummary, type FullLatencySummary } from '../latency-summary';
import { loginPool } from '../login-pool';
import { runOpenLoop, type OpenLoopResult } from '../open-loop';
import type { BenchPart, TableRow } from '../part';
import { TEST_APPLICANTS } from '../sample-case';

const READ_P99_TARGET_MS = 50;

const settingsShape = {
  BENCH_READ_RATE: z.coerce.number().positive().default(200),
  BENCH_SUBMIT_RATE: z.coerce.number().min(0).default(20),
  BENCH_LATENCY_SECONDS: z.coerce.number().positive().default(20),
};

/** The four read routes, taken in turn; `drafts` gives each applicant's own case ids. */
function readRequest(drafts: readonly PreparedDraft[]) {
  return async (i: number) => {
    const draft = drafts[i % drafts.length];
    const id = encodeURIComponent(draft.applicationId);
    const path = [`/api/v1/applications/${id}`, '/api/v1/applications', `/api/v1/applications/${id}/timeline`, '/api/v1/services'][i % 4];
    await draft.applicant.get(path);
  };
}

function submitRequest(drafts: readonly PreparedDraft[]) {
  return async (i: number) => {
    const draft = drafts[i];
    await draft.applicant.post(`/api/v1/applications/${encodeURIComponent(draft.applicationId)}/submit`, { draftVersion: draft.draftVersion });
  };
}

interface LoadFigures extends FullLatencySummary {
  targetRate: number;
  achievedRate: number;
  errors: number;
  maxSendLagMs: number;
  /** The first few error reasons, so a failing run says why. */
  errorSamples: string[];
}

function loadFigures(targetRate: number, result: OpenLoopResult): LoadFigures {
  return {
    targetRate,
    achievedRate: Math.round(result.achievedRate * 10) / 10,
    ...fullLatencySummary(result.latenciesMs),
    errors: result.errors.length,
    maxSendLagMs: Math.round(result.maxSendLagMs * 10) / 10,
    errorSamples: [...new Set(result.errors.map((e) => e.reason))].slice(0, 3),
  };
}

const summaryText = (f: LoadFigures) =>
  `p50 ${f.p50} / p90 ${f.p90} / p99 ${f.p99} / max ${f.max} ms; ${f.achievedRate}/s of ${f.targetRate}/s; ${f.errors} errors`;

export const part: BenchPart = {
  name: 'api-latency',
  needsPlatform: true,
  async run(ctx) {
    const settings = parseEnv(settingsShape, ctx.env);
    const platform = ctx.platform!;
    const durationMs = settings.BENCH_LATENCY_SECONDS * 1000;
    const submits = Math.round(settings.BENCH_SUBMIT_RATE * settings.BENCH_LATENCY_SECONDS);

    ctx.progress(`logging in ${TEST_APPLICANTS.length} applicants…`);
    const pool = await loginPool(platform.apiUrls[0], TEST_APPLICANTS.length);
    const applicants: ApiClient[] = pool.applicants.map((session) => createApiClient(platform.apiUrls, { session }));
    // Reads go to cases of their own that stay drafts; submits use drafts of their own.
    const readDraftCount = applicants.length * 2;
    ctx.progress(`preparing ${readDraftCount} drafts to read and ${submits} to submit…`);
    const drafts = await prepareDrafts(applicants, readDraftCount + submits, 4);
    const readable = drafts.slice(0, readDraftCount);
    const toSubmit = drafts.slice(readDraftCount);

    ctx.progress(`reads at ${settings.BENCH_READ_RATE}/s for ${settings.BENCH_LATENCY_SECONDS} s…`);
    const reads = await runOpenLoop({ rate: settings.BENCH_READ_RATE, durationMs, send: readRequest(readable) });
    if (submits > 0) ctx.progress(`submits at ${settings.BENCH_SUBMIT_RATE}/s for ${settings.BENCH_LATENCY_SECONDS} s…`);
    const updates = submits > 0 ? await runOpenLoop({ rate: settings.BENCH_SUBMIT_RATE, durationMs, send: submitRequest(toSubmit) }) : null;
    const readFigures = loadFigures(settings.BENCH_READ_RATE, reads);
    const submitFigures = updates && loadFigures(settings.BENCH_SUBMIT_RATE, updates);

    const rows: TableRow[] = [
      { figure: `read p99 at ${settings.BENCH_READ_RATE}/s`, value: `${readFigures.p99} ms`, target: `< ${READ_P99_TARGET_MS} ms`, met: readFigures.p99 < READ_P99_TARGET_MS && readFigures.errors === 0 },
      { figure: 'reads', value: summaryText(readFigures) },
    ];
    if (submitFigures) rows.push({ figure: 'submits', value: summaryText(submitFigures), met: submitFigures.errors === 0 });
    return {
      figures: { durationSeconds: settings.BENCH_LATENCY_SECONDS, reads: readFigures, submits: submitFigures, logins: pool.loginMs.length },
      rows,
      notes: [
        ['schedule', 'open loop: each request is due at start + i/rate and its latency runs from that moment, so slow answers neither lower the rate nor hide queueing'],
        ['reads', 'GET case view, own list, timeline, service list, in turn, with real applicant sessions'],
        ...(submitFigures ? [['submits', 'POST submit of drafts prepared (start, form, attachments) before the clock started, after the reads'] as [string, string]] : []),
      ],
    };
  },
};
