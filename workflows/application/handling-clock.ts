/**
 * The statutory handling clock: it starts at submission, stops while a supplement request is open
 * and restarts when the request is answered or lapses. All times are epoch milliseconds; pure code.
 */
export interface HandlingClock {
  startedAt: number | null;
  /** Total time the clock has stood still so far (closed pauses only). */
  pausedMs: number;
  pausedSince: number | null;
  /** Set when the case is decided: the clock is over for good. */
  stoppedAt: number | null;
}

export const idleClock = (): HandlingClock => ({ startedAt: null, pausedMs: 0, pausedSince: null, stoppedAt: null });

export const startClock = (clock: HandlingClock, at: number): HandlingClock => ({ ...clock, startedAt: at });

export const pauseClock = (clock: HandlingClock, at: number): HandlingClock => ({ ...clock, pausedSince: at });

/** Restarts a paused clock; the pause counts until `at` (the answer, or the lapsed deadline). */
export function resumeClock(clock: HandlingClock, at: number): HandlingClock {
  if (clock.pausedSince === null) return clock;
  return { ...clock, pausedMs: clock.pausedMs + Math.max(0, at - clock.pausedSince), pausedSince: null };
}

export const stopClock = (clock: HandlingClock, at: number): HandlingClock => ({ ...resumeClock(clock, at), stoppedAt: at });

export const isRunning = (clock: HandlingClock): boolean =>
  clock.startedAt !== null && clock.pausedSince === null && clock.stoppedAt === null;

/** Handling time counted so far, excluding pauses. */
export function elapsedMs(clock: HandlingClock, now: number): number {
  if (clock.startedAt === null) return 0;
  const until = clock.stoppedAt ?? clock.pausedSince ?? now;
  return Math.max(0, until - clock.startedAt - clock.pausedMs);
}

/**
 * When the statutory handling time runs out: submission + handling time + time paused. Null while
 * the clock has not started or stands still (the due date is not known until it restarts).
 */
export function handlingDueAt(clock: HandlingClock, handlingMs: number): number | null {
  if (clock.startedAt === null || clock.pausedSince !== null) return null;
  return clock.startedAt + handlingMs + clock.pausedMs;
}
