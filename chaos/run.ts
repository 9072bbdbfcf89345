/**
 * One chaos run: starts the platform as separate processes, drives applications in both modes while
 * the planned faults fire, clears the faults, waits for the platform to settle and checks what it holds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PEOPLE, TEST_APPLICANTS } from '../bench/sample-case';
import { createDb } from '../infra/db';
import { runChecks, type CheckResult } from './checks';
import { describeFault, planFaults } from './fault-plan';
import { clearXroadFaults, runFaults, type FiredFault } from './fault-runner';
import { chaosTemporalClient, startChaosStack, type UnexpectedExit } from './process-set';
import { seededRandom } from '../infra/seeded-random';
import { driveApplication, STEPS, type DrivenApplication } from './scenarios';
import type { ChaosSettings } from './settings';
import { takeSnapshot } from './snapshot';
import { chaosUser, httpCall, newRetryCounts, type RetryCounts } from './user-client';

export interface ChaosResult {
  pass: boolean;
  seed: number;
  settings: ChaosSettings;
  startedAt: string;
  durationMs: number;
  driveMs: number;
  applications: { portal: number; xroad: number; stuck: number };
  retries: RetryCounts;
  faults: FiredFault[];
  faultsNotFired: string[];
  unexpectedExits: UnexpectedExit[];
  /**
   * Notification e-mails the mail catcher got, and how many Message-IDs came more than once: SMTP is at
   * least once (a worker killed between the relay's OK and the log row sends again), and the repeated
   * Message-ID is what lets mail clients drop the copy. Reported, not checked.
   */
  emails: { caught: number; repeatedMessageIds: number };
  checks: CheckResult[];
  /** Where the processes' logs are (kept when a check failed). */
  logDir: string | null;
  loadAverage: number[];
}

const PROGRESS_EVERY_MS = 10_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runChaos(settings: ChaosSettings, log: (line: string) => void): Promise<ChaosResult> {
  const startedAt = new Date();
  const random = seededRandom(settings.CHAOS_SEED);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lupaflow-chaos-'));
  log(`seed ${settings.CHAOS_SEED}; ${settings.CHAOS_N} applications per mode, concurrency ${settings.CHAOS_CONCURRENCY}, ${settings.CHAOS_WORKERS} worker(s); working in ${dir}`);
  const stack = await startChaosStack({ dir, workers: settings.CHAOS_WORKERS, progress: log }).catch((err: Error) => {
    log(`the platform did not start; logs kept in ${dir}`);
    throw err;
  });
  let keepDir = false;
  try {
    log(`platform up: API ${stack.apiUrl}`);
    const counts = newRetryCounts();
    const runId = `chaos-${settings.CHAOS_SEED}-${startedAt.getTime()}`;
    const applications: DrivenApplication[] = [];
    for (let index = 1; index <= settings.CHAOS_N; index++) {
      for (const mode of ['portal', 'xroad'] as const) {
        applications.push({ index, mode, applicationId: null, decisionText: `Lupa myönnetään (${runId}, ${mode} #${index}).`, decisionMessageId: null, stuck: null });
      }
    }
    const totalSteps = settings.CHAOS_N * (STEPS.portal + STEPS.xroad);
    let stepsDone = 0;
    const progress = () => stepsDone / totalSteps;
    const user = (idp: 'suomifi' | 'virtu', who: string) => chaosUser(stack.apiUrl, idp, who, counts, settings.CHAOS_STEP_TIMEOUT_MS);
    const handler = user('virtu', DEMO_PEOPLE.handler);
    const decider = user('virtu', DEMO_PEOPLE.decider);

    const plan = planFaults({ kills: settings.CHAOS_KILLS, xroadFaults: settings.CHAOS_XROAD_FAULTS, workers: settings.CHAOS_WORKERS }, random);
    let driveFinished = false;
    const driveStarted = Date.now();
    let decided = 0;
    const ticker = setInterval(() => {
      log(`progress ${(progress() * 100).toFixed(1)} % of steps (${stepsDone}/${totalSteps}), ${decided}/${applications.length} decided, ${applications.filter((a) => a.stuck).length} stuck`);
    }, PROGRESS_EVERY_MS);
    const faultsRun = runFaults(stack, plan, progress, () => driveFinished, log);
    const queue = [...applications];
    await Promise.all(Array.from({ length: settings.CHAOS_CONCURRENCY }, async (_, lane) => {
      const applicant = user('suomifi', TEST_APPLICANTS[lane % TEST_APPLICANTS.length]);
      for (let app = queue.shift(); app; app = queue.shift()) {
        try {
          await driveApplication({ runId, applicant, handler, decider, authoritySystemUrl: stack.sandboxUrls.authoritySystem, counts, stepTimeoutMs: settings.CHAOS_STEP_TIMEOUT_MS, stepDone: () => { stepsDone += 1; } }, app);
          decided += 1;
        } catch (err) {
          app.stuck = (err as Error).message;
          log(`${app.mode} #${app.index} ${app.applicationId ?? ''}: ${app.stuck}`);
        }
      }
    }));
    driveFinished = true;
    const driveMs = Date.now() - driveStarted;
    const faults = await faultsRun;
    clearInterval(ticker);
    log(`drive done in ${(driveMs / 1000).toFixed(1)} s; ${faults.length}/${plan.length} faults fired; clearing faults and settling`);
    await clearXroadFaults(stack);

    const db = createDb(stack.env.DATABASE_URL as string, { max: 2 });
    const temporal = await chaosTemporalClient(stack);
    try {
      await settle(db, applications, settings.CHAOS_SETTLE_TIMEOUT_MS, log);
      const snapshot = await takeSnapshot({ applications, db, temporal, authoritySystemUrl: stack.sandboxUrls.authoritySystem });
      const checks = runChecks(snapshot);
      const emails = await caughtEmails(stack.sandboxUrls.mailHttp);
      const pass = checks.every((c) => c.pass);
      // The logs say why a check failed or a process died on its own.
      keepDir = !pass || stack.unexpectedExits.length > 0;
      return {
        pass, seed: settings.CHAOS_SEED, settings, startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(), driveMs,
        applications: { portal: settings.CHAOS_N, xroad: settings.CHAOS_N, stuck: applications.filter((a) => a.stuck).length },
        retries: counts, faults, faultsNotFired: plan.slice(faults.length).map((p) => describeFault(p.action)),
        unexpectedExits: stack.unexpectedExits, emails, checks, logDir: keepDir ? stack.logDir : null, loadAverage: os.loadavg(),
      };
    } finally {
      await temporal.connection.close();
      await db.destroy();
    }
  } catch (err) {
    keepDir = true;
    throw err;
  } finally {
    await stack.stop();
    if (!keepDir) rmSync(dir, { recursive: true, force: true });
    else log(`logs and data kept in ${dir}`);
  }
}

async function caughtEmails(messagesUrl: string): Promise<ChaosResult['emails']> {
  const answer = await httpCall(messagesUrl, { method: 'GET' });
  const ids = Array.isArray(answer.body) ? (answer.body as { messageId: string | null }[]).map((m) => m.messageId).filter((id): id is string => !!id) : [];
  return { caught: ids.length, repeatedMessageIds: ids.length - new Set(ids).size };
}

/** Waits until no outbound message of the run is still pending (the outbox drained); names what is left when time runs out. */
async function settle(db: ReturnType<typeof createDb>, applications: DrivenApplication[], timeoutMs: number, log: (line: string) => void): Promise<void> {
  const ids = applications.flatMap((a) => (a.applicationId ? [a.applicationId] : []));
  const until = Date.now() + timeoutMs;
  for (;;) {
    const pending: { id: string; application_id: string }[] = await db('exchange_messages').select('id', 'application_id').whereIn('application_id', ids).whereIn('status', ['pending', 'received']);
    if (pending.length === 0) return;
    if (Date.now() > until) {
      log(`still pending after ${timeoutMs} ms: ${pending.map((p) => `${p.application_id}/${p.id}`).join(', ')}`);
      return;
    }
    await pause(1_000);
  }
}
