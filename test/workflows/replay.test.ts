/**
 * Determinism guard: recorded histories (test/fixtures/histories, re-recorded by
 * scripts/record-histories.ts) must replay against today's workflow code without a mismatch.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { createDataConverter } from '../../infra/temporal/connection';
import { bundleWorkflows } from '../../workers/bundle';
import { completionSinks } from '../../workers/telemetry/metrics';
import { FIXTURE_CODEC_KEYS } from './support/case-fixtures';

const DIR = path.join(__dirname, '..', 'fixtures', 'histories');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
describe('[#2] replaying recorded application histories', () => {
  it('has recorded histories of several lifecycles to replay', () => {
    expect(files).toEqual(expect.arrayContaining(['supplemented-and-decided.json', 'withdrawn-after-submission.json', 'closed-loa-too-low.json']));
  });

  it('replays every recorded history against the current workflow code without a determinism error', async () => {
    const workflowBundle = await bundleWorkflows();
    const histories = files.map((f) => ({ workflowId: f.replace(/\.json$/, ''), history: historyFromJSON(JSON.parse(readFileSync(path.join(DIR, f), 'utf8'))) }));
    const results = [];
    for await (const result of Worker.runReplayHistories(
      // The bundle's workflow interceptors (workers/bundle.ts) report run outcomes to this sink.
      { workflowBundle, dataConverter: createDataConverter({ PAYLOAD_CODEC_KEYS: FIXTURE_CODEC_KEYS }), sinks: completionSinks },
      histories,
    )) {
      results.push({ workflowId: result.workflowId, error: result.error?.message });
    }
    expect(results).toEqual(histories.map((h) => ({ workflowId: h.workflowId, error: undefined })));
  }, 60_000);
});
