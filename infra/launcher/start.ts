/** `npm start`: runs the whole platform in the foreground until Ctrl-C. */
import './dotenv';
import { logger } from '../logger';
import { startPlatform, type RunningPlatform } from './platform';
import { formatSummary } from './summary';

const log = logger.child({ component: 'launcher' });

async function main(): Promise<void> {
  const startedAt = Date.now();
  let platform: RunningPlatform | null = null;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // tsx relays the terminal's SIGINT, so one Ctrl-C can arrive twice: later signals change nothing.
    if (stopping) return;
    stopping = true;
    if (!platform) {
      // Still starting: exiting lets the exit hooks kill what was already spawned.
      process.stderr.write(`\n${signal} during start-up: stopping.\n`);
      process.exit(130);
    }
    log.info({ event: 'shutdown_requested', signal }, 'stopping lupaflow');
    void platform.stop().then(() => process.exit(0), (err) => {
      log.error({ event: 'shutdown_failed', err }, 'stopping failed');
      process.exit(1);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    platform = await startPlatform();
  } catch (err) {
    process.stderr.write(`\nlupaflow did not start.\n${(err as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(formatSummary(platform, Date.now() - startedAt));
  const reason = await platform.failed;
  if (!stopping) {
    process.stderr.write(`\n${reason}\nlupaflow stopped.\n`);
    process.exit(1);
  }
}

void main();
