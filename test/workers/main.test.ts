/** The worker process entry point: refuses bad configuration clearly, runs, and stops cleanly on SIGTERM. */
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

function startWorkerProcess(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('[#2] the worker process', () => {
  it('exits with status 1 and one line per bad setting when the configuration is wrong', async () => {
    const { exited, output } = startWorkerProcess({ ...process.env, PAYLOAD_CODEC_KEYS: 'k1:dG9vLXNob3J0', TEMPORAL_ADDRESS: 'no-port' });
    expect(await exited).toBe(1);
    expect(output()).toContain('PAYLOAD_CODEC_KEYS is invalid');
    expect(output()).toContain('TEMPORAL_ADDRESS is invalid');
    expect(output()).not.toContain('dG9vLXNob3J0');
  }, 30_000);

  it('polls its task queue and shuts down cleanly on SIGTERM', async () => {
    const { child, exited, output } = startWorkerProcess({ ...process.env, TEMPORAL_TASK_QUEUE: 'main-test', LOG_LEVEL: 'info' });
    for (let i = 0; i < 300 && !output().includes('worker_started'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(output()).toContain('worker_started');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain('worker_stopped');
  }, 60_000);
});
