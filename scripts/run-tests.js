#!/usr/bin/env node
/**
 * `npm test`: runs jest (in band, one shared Temporal + PostgreSQL from test/global-setup.ts) with its
 * normal output, then prints one plain line `N passed, N failed[, N skipped]` for CI, from jest's JSON.
 * Extra arguments (`npm test -- test/launcher`) are passed on to jest.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, rmSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const RESULTS = path.join(ROOT, 'test-results', 'jest.json');

mkdirSync(path.dirname(RESULTS), { recursive: true });
rmSync(RESULTS, { force: true });
// --forceExit: Temporal's native runtime keeps handles open after the last test (sdk-typescript#928).
const jest = spawnSync(
  path.join(ROOT, 'node_modules', '.bin', 'jest'),
  ['--runInBand', '--forceExit', '--json', '--outputFile', RESULTS, ...process.argv.slice(2)],
  { cwd: ROOT, stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(RESULTS)) {
  const results = JSON.parse(readFileSync(RESULTS, 'utf8'));
  passed = results.numPassedTests;
  skipped = results.numPendingTests + (results.numTodoTests || 0);
  // A suite that failed before running any test (compile error, throwing import) counts as one failure.
  const brokenSuites = results.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
  failed = results.numFailedTests + brokenSuites;
} else {
  // No results at all: jest itself failed (e.g. global setup could not start Temporal or PostgreSQL).
  failed = 1;
}
if (jest.error) process.stderr.write(`could not run jest: ${jest.error.message}\n`);

process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(jest.status === 0 && failed === 0 ? 0 : 1);
