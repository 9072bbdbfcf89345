/**
 * An open-loop load generator: request i is due at start + i/rate on the clock, whether or not earlier
 * requests have been answered, so a slow answer never lowers the offered rate. Each latency runs from
 * the moment the request was DUE (not when it was actually sent), so any lag of the generator itself or
 * queueing in front of the server counts against the server: that is how coordinated omission is avoided.
 */

/** One failed request: its index and why (an HTTP status or an error message). */
export interface OpenLoopError {
  index: number;
  reason: string;
}

export interface OpenLoopResult {
  /** Requests the schedule held (rate × duration). */
  scheduled: number;
  /** Latency (ms, due → answered) of every request that succeeded. */
  latenciesMs: number[];
  errors: OpenLoopError[];
  /** Successful answers per second, from the start until the last answer. */
  achievedRate: number;
  /** The most a request was sent after it was due (the generator's own lag; already inside the latencies). */
  maxSendLagMs: number;
}

export interface OpenLoopOptions {
  /** Requests per second. */
  rate: number;
  durationMs: number;
  /** Sends request `index`; resolves when it was answered successfully, throws (reason = message) otherwise. */
  send(index: number): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs the schedule to its end, then waits for every outstanding answer. */
export async function runOpenLoop(opts: OpenLoopOptions): Promise<OpenLoopResult> {
  if (!(opts.rate > 0) || !(opts.durationMs > 0)) throw new Error('an open loop needs a positive rate and duration');
  const scheduled = Math.max(1, Math.round((opts.rate * opts.durationMs) / 1000));
  const intervalMs = 1000 / opts.rate;
  const latenciesMs: number[] = [];
  const errors: OpenLoopError[] = [];
  const inFlight: Promise<void>[] = [];
  let maxSendLagMs = 0;
  let lastAnswer = 0;
  const start = performance.now();

  const fire = (index: number, dueAt: number) =>
    opts.send(index).then(
      () => {
        lastAnswer = performance.now();
        latenciesMs.push(lastAnswer - dueAt);
      },
      (err: unknown) => {
        errors.push({ index, reason: describeError(err) });
      },
    );

  for (let next = 0; next < scheduled; ) {
    const now = performance.now();
    // Everything already due goes out now, in order: a late tick sends a burst, never fewer requests.
    while (next < scheduled && start + next * intervalMs <= now) {
      const dueAt = start + next * intervalMs;
      maxSendLagMs = Math.max(maxSendLagMs, now - dueAt);
      inFlight.push(fire(next, dueAt));
      next++;
    }
    if (next < scheduled) await sleep(Math.max(0, start + next * intervalMs - performance.now()));
  }
  await Promise.all(inFlight);
  // Over the whole schedule at least: answers that all came early do not make the rate look higher.
  const spanMs = Math.max(lastAnswer - start, opts.durationMs);
  return { scheduled, latenciesMs, errors, achievedRate: (latenciesMs.length * 1000) / spanMs, maxSendLagMs };
}

/** The message, and for a network failure (fetch's "fetch failed") its cause, e.g. UND_ERR_CONNECT_TIMEOUT. */
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: string; message?: string } | undefined;
  return cause ? `${err.message} (${cause.code ?? cause.message})` : err.message;
}
