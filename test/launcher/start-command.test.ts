import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { freePort, testDataDir } from '../support/env';

const ROOT = path.join(__dirname, '..', '..');

/** Runs `npm start`'s entry point with `env` and returns how it ended. */
function runStart(env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'infra/launcher/start.ts'], {
    cwd: ROOT, env, encoding: 'utf8', timeout: 60_000,
  });
  return { code: result.status, stderr: result.stderr };
}

describe('npm start refuses to start on a bad setup (issue 2)', () => {
  it('prints one line per bad value and exits 1 before starting anything', async () => {
    const dataDir = testDataDir('bad-config-');
    const { code, stderr } = runStart({
      ...process.env,
      DATA_DIR: dataDir,
      LUPAFLOW_ENV: 'development',
      TEMPORAL_ADDRESS: '',
      DATABASE_URL: '',
      API_PORT: 'eighty',
      EMBEDDED_PG_PORT: String(await freePort()),
      PII_HASH_KEY: 'dG9vIHNob3J0',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('lupaflow did not start.');
    expect(stderr).toMatch(/^ {2}- API_PORT is invalid: .+$/m);
    expect(stderr).toMatch(/^ {2}- PII_HASH_KEY is invalid: must be 32 bytes, base64-encoded$/m);
    expect(stderr).not.toContain('dG9vIHNob3J0');
    // Nothing embedded was started: no Temporal database, no PostgreSQL cluster, no child pid files.
    expect(readdirSync(dataDir).filter((entry) => ['temporal', 'postgres', 'run'].includes(entry))).toEqual([]);
  });

  it('says how to install the temporal CLI when it is missing', () => {
    const dataDir = testDataDir('no-cli-');
    const { code, stderr } = runStart({
      ...process.env, DATA_DIR: dataDir, LUPAFLOW_ENV: 'development', TEMPORAL_ADDRESS: '', TEMPORAL_CLI_PATH: path.join(dataDir, 'no-such-temporal'),
    });
    expect(code).toBe(1);
    expect(stderr).toContain(`TEMPORAL_CLI_PATH=${path.join(dataDir, 'no-such-temporal')} does not exist.`);
    expect(existsSync(path.join(dataDir, 'postgres'))).toBe(false);
  });
});
