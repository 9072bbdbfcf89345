import { parseEnv } from '../../infra/config/env';
import { loadCoreConfig } from '../../infra/config/core';
import { workerTuning, workerTuningShape } from '../../workers/tuning';

describe('[#7] Worker tuning from the environment', () => {
  it('leaves the SDK defaults alone when nothing is set, and passes on what is', () => {
    expect(workerTuning(parseEnv(workerTuningShape, {}))).toEqual({});
    expect(workerTuning(parseEnv(workerTuningShape, { WORKER_MAX_CONCURRENT_ACTIVITIES: '20', WORKER_WORKFLOW_POLLERS: '4' })))
      .toEqual({ maxConcurrentActivityTaskExecutions: 20, maxConcurrentWorkflowTaskPolls: 4 });
  });

  it('refuses a bad value naming the variable, one line each', () => {
    expect(() => parseEnv(workerTuningShape, { WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '0', WORKER_ACTIVITY_POLLERS: 'many' }))
      .toThrow(/WORKER_MAX_CONCURRENT_WORKFLOW_TASKS is invalid.*\n.*WORKER_ACTIVITY_POLLERS is invalid/);
  });

  it('bounds each process\'s PostgreSQL pool, 10 unless DATABASE_POOL_MAX says otherwise', () => {
    const keys = { PAYLOAD_CODEC_KEYS: process.env.PAYLOAD_CODEC_KEYS, PII_ENCRYPTION_KEYS: process.env.PII_ENCRYPTION_KEYS, PII_HASH_KEY: process.env.PII_HASH_KEY };
    expect(loadCoreConfig(keys).DATABASE_POOL_MAX).toBe(10);
    expect(loadCoreConfig({ ...keys, DATABASE_POOL_MAX: '4' }).DATABASE_POOL_MAX).toBe(4);
    expect(() => loadCoreConfig({ ...keys, DATABASE_POOL_MAX: '0' })).toThrow(/DATABASE_POOL_MAX is invalid/);
  });
});
