import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadCoreConfig, type CoreConfig } from '../../infra/config/core';

export { freePort } from '../../infra/launcher/ports';

/** The core configuration of the shared test environment that test/global-setup.ts put into process.env. */
export function testCoreConfig(overrides: NodeJS.ProcessEnv = {}): CoreConfig {
  return loadCoreConfig({ ...process.env, ...overrides });
}

/** A fresh directory under the run's DATA_DIR (removed with it by global-teardown). */
export function testDataDir(prefix = 'case-'): string {
  const base = process.env.DATA_DIR ?? os.tmpdir();
  mkdirSync(base, { recursive: true });
  return mkdtempSync(path.join(base, prefix));
}
