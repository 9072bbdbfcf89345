/**
 * A production-shaped topology on one machine: the Temporal server and PostgreSQL each on their own
 * (unless the environment already names them), the sandbox, the migrations run once, then N API and
 * M worker processes (`api/main.ts`, `workers/main.ts`), each configured by environment variables
 * only, exactly as an operator would start them on separate hosts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCoreConfig } from '../../infra/config/core';
import { startChild, type Child } from '../../infra/launcher/children';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../infra/launcher/embedded-postgres';
import { startEmbeddedTemporal, type EmbeddedTemporal } from '../../infra/launcher/embedded-temporal';
import { childEnvironment, prepareEnvironment } from '../../infra/launcher/environment';
import { freePort } from '../../infra/launcher/ports';
import { pointAtSandbox } from '../../infra/launcher/sandbox-environment';
import { waitForHttpOk } from '../../infra/launcher/wait-for-http';
import { waitForWorkerPolling } from '../../infra/launcher/wait-for-worker';
import { generateSelfSignedCertificate } from '../../infra/x509';
import { startLoadBalancer, type LoadBalancer } from './load-balancer';
import { runStep } from './run-step';

export interface TopologyOptions {
  apis: number;
  workers: number;
  /** Holds the servers' data, the generated secrets and the bundle; the caller removes it. */
  dataDir: string;
  /** The base environment. TEMPORAL_ADDRESS / DATABASE_URL set: those servers are used, not started. */
  env: NodeJS.ProcessEnv;
  /** Print every process's output lines, prefixed with its name (otherwise only a dying process's last lines). */
  verbose?: boolean;
}

/** One API or worker process of the topology. */
export interface NodeProcess {
  /** Its LUPAFLOW_PROCESS: `api-1`, `worker-3`. */
  name: string;
  pid: number;
  child: Child;
}

export interface ApiNode extends NodeProcess {
  url: string;
  /** Its X-Road provider listener (HTTPS, the security server's client certificate). */
  xroadProviderUrl: string;
}

export interface WorkerNode extends NodeProcess {
  /** Its /metrics (WORKER_METRICS_PORT). */
  metricsUrl: string;
}

export interface Topology {
  apis: ApiNode[];
  /** The load balancer in front of the APIs: PUBLIC_BASE_URL (SAML comes back through it) and the security server's provider URL. */
  loadBalancer: { url: string; xroadProviderUrl: string; httpConnections(): number[]; xroadConnections(): number[] };
  workers: WorkerNode[];
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  /** Contains the password. */
  databaseUrl: string;
  sandboxUrls: Record<string, string>;
  /** The environment every API and worker shares (before its own ports and name). */
  env: NodeJS.ProcessEnv;
  /** Names of processes that exited without being asked to. */
  unexpectedExits: string[];
  /** Stops APIs, workers, the sandbox, then the servers it started; safe to call more than once. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 90_000;

/** Starts the topology; on failure stops what it had started and rethrows. */
export async function startTopology(opts: TopologyOptions): Promise<Topology> {
  const dataDir = path.resolve(opts.dataDir);
  const apiPorts = await Promise.all(Array.from({ length: opts.apis }, async () => ({ api: await freePort(), xroad: await freePort(), xroadTls: await freePort() })));
  const workerPorts = await Promise.all(Array.from({ length: opts.workers }, () => freePort()));
  const shared: NodeJS.ProcessEnv = { ...opts.env, DATA_DIR: dataDir };
  for (const name of ['EMBEDDED_TEMPORAL_PORT', 'EMBEDDED_TEMPORAL_UI_PORT', 'EMBEDDED_PG_PORT', 'SANDBOX_SUOMIFI_PORT', 'SANDBOX_VIRTU_PORT', 'SANDBOX_PTV_PORT',
    'SANDBOX_VALTUUDET_PORT', 'SANDBOX_XROAD_SS_PORT', 'SANDBOX_XROAD_AUTHORITY_SS_PORT', 'SANDBOX_AUTHORITY_SYSTEM_PORT', 'SANDBOX_MAIL_SMTP_PORT', 'SANDBOX_MAIL_HTTP_PORT']) {
    shared[name] = String(await freePort());
  }
  // The public address is the load balancer's, for every API; so is the provider URL the security server sends to.
  const lbPorts = { http: await freePort(), xroad: await freePort() };
  const balancers: LoadBalancer[] = []; // [http, xroad] once started
  const loadBalancer = {
    url: `http://localhost:${lbPorts.http}`, xroadProviderUrl: `https://127.0.0.1:${lbPorts.xroad}`,
    httpConnections: () => balancers[0]?.connections() ?? [], xroadConnections: () => balancers[1]?.connections() ?? [],
  };
  Object.assign(shared, {
    PUBLIC_BASE_URL: loadBalancer.url, SANDBOX_XROAD_PROVIDER_URL: loadBalancer.xroadProviderUrl,
    API_PORT: String(apiPorts[0].api), XROAD_PROVIDER_PORT: String(apiPorts[0].xroad), XROAD_PROVIDER_TLS_PORT: String(apiPorts[0].xroadTls),
  });
  // Every API instance presents the same provider certificate, as behind a load balancer (production names these files).
  Object.assign(shared, providerCertificate(dataDir));
  const { env, config, want } = prepareEnvironment(shared, dataDir);

  const children: Child[] = [];
  const unexpectedExits: string[] = [];
  let temporal: EmbeddedTemporal | null = null;
  let postgres: EmbeddedPostgres | null = null;
  let stopping: Promise<void> | null = null;
  const stop = () => (stopping ??= (async () => {
    // Front doors first, then the workers (they drain), then what they all use.
    const order = ['api', 'worker', 'sandbox'];
    for (const kind of order) await Promise.all(children.filter((c) => c.name === kind).map((c) => c.stop()));
    await Promise.all([temporal?.stop(), postgres?.stop(), ...balancers.map((lb) => lb.close())]);
  })());
  const gaveUp = () => (unexpectedExits.length ? `${unexpectedExits.join(', ')} exited during start-up` : null);
  const spawn = (kind: Child['name'], processName: string, childEnv: NodeJS.ProcessEnv) => {
    const child = startChild(kind, childEnv, {
      dataDir,
      quiet: !opts.verbose,
      processName,
      onUnexpectedExit: (c, code, signal) => {
        unexpectedExits.push(processName);
        process.stderr.write(`[${processName}] exited unexpectedly (code ${code}, signal ${signal})\n${opts.verbose ? '' : `${c.recentOutput()}\n`}`);
      },
    });
    children.push(child);
    return child;
  };

  try {
    balancers.push(await startLoadBalancer(lbPorts.http, apiPorts.map((ports) => ports.api)));
    balancers.push(await startLoadBalancer(lbPorts.xroad, apiPorts.map((ports) => ports.xroadTls)));
    const sandbox = want.sandbox ? pointAtSandbox(env, config) : { sandboxUrls: {}, readyUrls: [] };
    if (want.sandbox) spawn('sandbox', 'sandbox', childEnvironment(env));
    const bundleFile = path.join(dataDir, 'workflow-bundle.js');
    // As a release would: build the workflow bundle once, every worker loads it.
    const bundled = runStep('bundle', 'workers/bundle.ts', [bundleFile], childEnvironment(env));
    bundled.catch(() => undefined); // awaited below; not an unhandled rejection if the servers fail first
    const [t, p] = await Promise.allSettled([
      want.temporal ? startEmbeddedTemporal({ dbFile: path.join(dataDir, 'temporal', 'lupaflow.sqlite'), port: config.EMBEDDED_TEMPORAL_PORT, namespace: config.core.TEMPORAL_NAMESPACE }) : null,
      want.postgres ? startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), port: config.EMBEDDED_PG_PORT, password: env.EMBEDDED_PG_PASSWORD ?? '' }) : null,
    ]);
    temporal = t.status === 'fulfilled' ? t.value : null;
    postgres = p.status === 'fulfilled' ? p.value : null;
    if (t.status === 'rejected') throw t.reason;
    if (p.status === 'rejected') throw p.reason;
    if (temporal) env.TEMPORAL_ADDRESS = temporal.address;
    if (postgres) env.DATABASE_URL = postgres.databaseUrl;
    const processEnv = { ...childEnvironment(env), WORKER_BUNDLE_PATH: bundleFile };
    // Once per release, before any process starts: `npm run migrate`.
    await Promise.all([runStep('migrate', 'infra/launcher/migrate.ts', [], processEnv), bundled]);

    const workers = workerPorts.map((metricsPort, i) => {
      const name = `worker-${i + 1}`;
      const child = spawn('worker', name, { ...processEnv, WORKER_METRICS_PORT: String(metricsPort) });
      return { name, pid: child.child.pid as number, child, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` };
    });
    await Promise.all(sandbox.readyUrls.map((url) => waitForHttpOk(url, READY_TIMEOUT_MS, gaveUp)));
    const apis = apiPorts.map((ports, i) => {
      const name = `api-${i + 1}`;
      const child = spawn('api', name, {
        ...processEnv, API_PORT: String(ports.api), XROAD_PROVIDER_PORT: String(ports.xroad), XROAD_PROVIDER_TLS_PORT: String(ports.xroadTls),
      });
      return { name, pid: child.child.pid as number, child, url: `http://localhost:${ports.api}`, xroadProviderUrl: `https://localhost:${ports.xroadTls}` };
    });
    const core = loadCoreConfig(env);
    await Promise.all([
      ...apis.map((api) => waitForHttpOk(`${api.url}/health`, READY_TIMEOUT_MS, gaveUp)),
      ...workers.map((worker) => waitForWorkerPolling(core, worker.pid, READY_TIMEOUT_MS, gaveUp)),
    ]);
    return {
      apis, workers, loadBalancer,
      temporalAddress: env.TEMPORAL_ADDRESS as string,
      temporalNamespace: core.TEMPORAL_NAMESPACE,
      taskQueue: core.TEMPORAL_TASK_QUEUE,
      databaseUrl: env.DATABASE_URL as string,
      sandboxUrls: sandbox.sandboxUrls,
      env: processEnv,
      unexpectedExits,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The X-Road provider listener's key and certificate, generated once for all API instances. */
function providerCertificate(dataDir: string): { XROAD_PROVIDER_TLS_KEY_FILE: string; XROAD_PROVIDER_TLS_CERT_FILE: string } {
  const { keyPem, certPem } = generateSelfSignedCertificate('lupaflow X-Road provider (multi-node)');
  mkdirSync(dataDir, { recursive: true });
  const keyFile = path.join(dataDir, 'xroad-provider.key.pem');
  const certFile = path.join(dataDir, 'xroad-provider.cert.pem');
  writeFileSync(keyFile, keyPem, { mode: 0o600 });
  writeFileSync(certFile, certPem);
  return { XROAD_PROVIDER_TLS_KEY_FILE: keyFile, XROAD_PROVIDER_TLS_CERT_FILE: certFile };
}
