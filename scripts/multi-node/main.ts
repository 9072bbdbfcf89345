/**
 * `npm run multi-node`: the production topology on one machine (Temporal server and PostgreSQL on
 * their own, the sandbox, MULTI_NODE_APIS API and MULTI_NODE_WORKERS worker processes configured by
 * environment only), the bench run across it (`npm run bench` with BENCH_API_URLS), one worker stopped
 * with SIGTERM mid-run, and the proof that the work was shared: tasks per worker from the cases'
 * histories, requests per API from each API's /metrics. Exit 0 only when the bench and every check pass.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { isolatedPlatformEnv } from '../../bench/platform';
import { parseEnv } from '../../infra/config/env';
import { onInterrupt } from '../../infra/launcher/on-interrupt';
import { connectClient } from '../../infra/temporal/connection';
import { loadCoreConfig } from '../../infra/config/core';
import { requestsPerApi } from './api-share';
import { checkShare, formatShare } from './share-checks';
import { startTopology, type Topology } from './topology';
import { stopWorkerOnceBusy } from './stop-worker';
import { countWorkShare, fetchHistories } from './work-share';

const settingsShape = {
  MULTI_NODE_APIS: z.coerce.number().int().min(1).max(8).default(2),
  MULTI_NODE_WORKERS: z.coerce.number().int().min(1).max(8).default(3),
  /** SIGTERM the last worker once this many cases are decided; 0: stop none. */
  MULTI_NODE_STOP_WORKER_AFTER: z.coerce.number().int().min(0).default(25),
  /** The bench parts run across the topology. */
  BENCH_PARTS: z.string().default('lifecycles,api-latency'),
  /** `true`: every process's log lines, prefixed with its name. */
  MULTI_NODE_VERBOSE: z.enum(['true', 'false']).default('false'),
};
type Settings = z.infer<z.ZodObject<typeof settingsShape>>;

const progress = (line: string) => process.stderr.write(`[multi-node] ${line}\n`);

async function main(): Promise<number> {
  const settings = parseEnv(settingsShape);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lupaflow-multi-node-'));
  let topology: Topology | null = null;
  const cleanup = async () => {
    await topology?.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  onInterrupt(cleanup, progress, 'stopping every process and removing the data dir');
  try {
    // As the bench's own platform: development settings, nothing pointing outside; it starts its own servers.
    const env = await isolatedPlatformEnv(dataDir);
    progress(`starting Temporal, PostgreSQL, the sandbox, ${settings.MULTI_NODE_APIS} APIs and ${settings.MULTI_NODE_WORKERS} workers in ${dataDir}…`);
    topology = await startTopology({ apis: settings.MULTI_NODE_APIS, workers: settings.MULTI_NODE_WORKERS, dataDir, env, verbose: settings.MULTI_NODE_VERBOSE === 'true' });
    describe(topology);

    const client = await connectClient(loadCoreConfig(topology.env));
    try {
      const last = topology.workers[topology.workers.length - 1];
      const stopping = settings.MULTI_NODE_STOP_WORKER_AFTER > 0 && topology.workers.length > 1
        ? stopWorkerOnceBusy(client, topology.taskQueue, last, settings.MULTI_NODE_STOP_WORKER_AFTER, progress)
        : null;
      const benchCode = await runBench(topology, settings);
      const stopped = stopping ? await stopping.finished() : null;

      const histories = await fetchHistories(client, topology.taskQueue);
      const observation = {
        work: countWorkShare(histories, topology.workers, stopped?.exitedAtMs),
        requests: await requestsPerApi(topology.apis),
        xroadConnections: perApi(topology.apis, topology.loadBalancer.xroadConnections()),
        stoppedWorker: stopped ? last.name : undefined,
      };
      const checks = checkShare(observation);
      if (stopping && !stopped) checks.push({ check: `${last.name} stopped mid-run`, pass: false, detail: `fewer than ${settings.MULTI_NODE_STOP_WORKER_AFTER} cases were decided` });
      checks.push({ check: 'the bench passed', pass: benchCode === 0, detail: `exit code ${benchCode}` });
      checks.push({ check: 'no process exited unasked', pass: topology.unexpectedExits.length === 0, detail: topology.unexpectedExits.join(', ') || 'none' });
      console.log(`\n${formatShare(observation, checks)}`);
      console.log(JSON.stringify({ multiNode: { apis: topology.apis.length, workers: topology.workers.length, ...observation, checks } }));
      const failed = checks.filter((c) => !c.pass).length;
      progress(failed ? `${failed} check(s) FAILED` : 'every check passed');
      return failed ? 1 : 0;
    } finally {
      await client.connection.close();
    }
  } finally {
    progress('stopping every process and removing the data dir…');
    await cleanup();
  }
}

/** The balancer's per-backend counts, by API name. */
const perApi = (apis: { name: string }[], counts: number[]) => Object.fromEntries(apis.map((api, i) => [api.name, counts[i] ?? 0]));

function describe(topology: Topology): void {
  progress(`Temporal ${topology.temporalAddress} (namespace ${topology.temporalNamespace}, task queue ${topology.taskQueue})`);
  progress(`load balancer ${topology.loadBalancer.url} (PUBLIC_BASE_URL), X-Road provider ${topology.loadBalancer.xroadProviderUrl} (the security server's target)`);
  for (const api of topology.apis) progress(`${api.name} pid ${api.pid}: ${api.url}, X-Road provider ${api.xroadProviderUrl}`);
  for (const worker of topology.workers) progress(`${worker.name} pid ${worker.pid}: ${worker.metricsUrl}`);
}

/** `npm run bench` against the topology, as an operator would run it: configured by environment, output passed through. */
function runBench(topology: Topology, settings: Settings): Promise<number> {
  const env = {
    ...topology.env,
    BENCH_PARTS: settings.BENCH_PARTS,
    BENCH_API_URLS: topology.apis.map((api) => api.url).join(','),
    BENCH_WORKER_PIDS: topology.workers.map((worker) => worker.pid).join(','),
    BENCH_SANDBOX_URLS: JSON.stringify(topology.sandboxUrls),
  };
  progress(`running the bench (${settings.BENCH_PARTS}) across ${env.BENCH_API_URLS}…`);
  const bench = spawn(process.execPath, ['--import', 'tsx', 'bench/suite.ts'], { env, cwd: path.join(__dirname, '..', '..'), stdio: ['ignore', 'inherit', 'inherit'] });
  return new Promise((resolve) => {
    bench.once('error', () => resolve(1));
    bench.once('exit', (code) => resolve(code ?? 1));
  });
}

main().then((code) => { process.exitCode = code; }, (err: unknown) => {
  process.stderr.write(`\nmulti-node run failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
