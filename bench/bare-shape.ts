/**
 * The Temporal shape of one lifecycle, for the bare workflow to repeat with empty bodies: the messages
 * that drive it (update-with-start, then updates, in order), the activities each one sets off, the
 * timers started and cancelled meanwhile, and how many queries the API makes. The steps come from a
 * real lifecycle's history (history-shape.ts lifecycleShape), so they follow the workflow as it changes;
 * queries leave no trace in a history, so each lifecycle driver declares its own.
 * Search-attribute upserts are left out on purpose: they are the lifecycle's own cost.
 */

export interface BareStep {
  kind: 'updateWithStart' | 'update';
  name: string;
  /** Activities scheduled from this message until the next one. */
  activities: number;
  timersStarted: number;
  timersCancelled: number;
}

export interface BareShape {
  steps: BareStep[];
  /** Workflow queries the API makes per lifecycle (the bare driver makes as many, after the last step). */
  queries: number;
}

/** The bare workflow's only query. */
export const BARE_QUERY = 'status';

/** How long each bare timer runs: never fires during a bench, like a real deadline or appeal period. */
export const BARE_TIMER = '30 days';
