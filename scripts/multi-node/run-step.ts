import path from 'node:path';
import { spawnManaged } from '../../infra/launcher/process-group';

const ROOT = path.join(__dirname, '..', '..');

/**
 * Runs one of the project's own commands to completion (`node --import tsx <entry> …args`, as its npm
 * script does) with `env`; fails with its last output lines unless it exits 0.
 */
export async function runStep(name: string, entry: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  const step = spawnManaged(name, process.execPath, ['--import', 'tsx', entry, ...args], { env, cwd: ROOT });
  const { code, signal } = await step.exited;
  if (code !== 0) throw new Error(`${name} failed (code ${code}, signal ${signal}):\n${step.recentOutput()}`);
}
