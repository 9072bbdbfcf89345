/**
 * Builds the workflow bundle with the project's failure converter inside it (workflow code converts
 * its own failures, so a bundle without it would store failure messages unencrypted) and the workflow
 * interceptors every worker runs (workflow outcome metrics).
 * As a script: `tsx workers/bundle.ts dist/workflow-bundle.js`, then run workers with WORKER_BUNDLE_PATH.
 */
import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Logger } from '@temporalio/common';
import { failureConverterPath } from '../infra/temporal/connection';
import { workflowInterceptorModules } from './telemetry/worker-options';
import { workflowsPath } from './worker';

const silent: Logger = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: (message) => console.error(message) };

/** The bundle a worker loads with `workflowBundle`; quiet unless something goes wrong. */
export function bundleWorkflows(logger: Logger = silent): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, workflowInterceptorModules, failureConverterPath, logger });
}

if (require.main === module) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: tsx workers/bundle.ts <output file>');
    process.exit(1);
  }
  bundleWorkflows().then(({ code }) => writeFileSync(out, code)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
