import { z } from 'zod';
import type { WorkerOptions } from '@temporalio/worker';

const positive = z.coerce.number().int().positive().optional();

/**
 * The worker settings an operator tunes per host (README "Production topology"); each unset one keeps
 * the SDK's default. Concurrency bounds memory and CPU per process; pollers bound how fast idle
 * capacity is filled from the task queue.
 */
export const workerTuningShape = {
  /** Activities run at once by this process (SDK default 100). */
  WORKER_MAX_CONCURRENT_ACTIVITIES: positive,
  /** Workflow tasks run at once by this process (SDK default 40). */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: positive,
  /** Long polls held open for workflow tasks and for activity tasks (SDK default 10 each). */
  WORKER_WORKFLOW_POLLERS: positive,
  WORKER_ACTIVITY_POLLERS: positive,
};

export type WorkerTuning = Pick<WorkerOptions,
  'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentWorkflowTaskPolls' | 'maxConcurrentActivityTaskPolls'>;

/** The WorkerOptions the tuning variables set; the ones left unset are absent. */
export function workerTuning(config: z.infer<z.ZodObject<typeof workerTuningShape>>): WorkerTuning {
  const options: WorkerTuning = {
    maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTaskExecutions: config.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentWorkflowTaskPolls: config.WORKER_WORKFLOW_POLLERS,
    maxConcurrentActivityTaskPolls: config.WORKER_ACTIVITY_POLLERS,
  };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
