/**
 * `npm run chaos`: drives applications in both modes through a platform of separate processes while it
 * SIGKILLs and restarts the worker, the API, Temporal and PostgreSQL and has the sandbox security
 * servers drop, delay and duplicate messages; then checks that nothing was lost or done twice.
 * CHAOS_N, CHAOS_SEED, CHAOS_CONCURRENCY and more: chaos/settings.ts. Exit 0 only when every check passes.
 */
import { ConfigError } from '../infra/config/env';
import { formatReport } from './report';
import { runChaos } from './run';
import { loadChaosSettings } from './settings';

async function main(): Promise<void> {
  // Ctrl-C: exit through process.exit so the launcher's exit hooks stop every process the run started.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  const settings = loadChaosSettings();
  const result = await runChaos(settings, (line) => process.stderr.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`));
  process.stdout.write(`${formatReport(result)}\n`);
  process.exit(result.pass ? 0 : 1);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack ?? String(err)}\n`);
  process.exit(2);
});
