/** A fixed-concurrency runner, the way a load generator keeps C lifecycles in flight. */

/** Runs `task(i)` for i in 0..n-1 with at most `concurrency` in flight; stops and rejects on the first failure. */
export async function runPool(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < n) {
      try {
        await task(next++);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, concurrency) }, lane));
}
