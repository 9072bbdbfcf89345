import { fullLatencySummary } from '../../bench/latency-summary';
import { runOpenLoop } from '../../bench/open-loop';

// Issue 7: the api-latency figures come from an open-loop schedule; these prove it does not wait for
// answers (coordinated omission) and that failures are counted, not dropped.
describe('open-loop load generator', () => {
  it('sends every scheduled request without waiting for earlier answers', async () => {
    const scheduled = 20; // 200/s for 100 ms
    let sent = 0;
    let releaseAll: () => void = () => undefined;
    const allSent = new Promise<void>((resolve) => (releaseAll = resolve));
    // No request is answered before the last one was sent: a closed loop would never get there.
    const result = await runOpenLoop({
      rate: 200,
      durationMs: 100,
      send: async () => {
        if (++sent === scheduled) releaseAll();
        await allSent;
      },
    });
    expect(result.scheduled).toBe(scheduled);
    expect(result.latenciesMs).toHaveLength(scheduled);
    expect(result.errors).toEqual([]);
    expect(result.latenciesMs.every((ms) => ms >= 0)).toBe(true);
  });

  it('counts each failed request as an error with its reason, and only the answered ones as latencies', async () => {
    const result = await runOpenLoop({
      rate: 100,
      durationMs: 100,
      send: async (i) => {
        if (i % 2 === 1) throw new Error(`GET /x → 500 (request ${i})`);
      },
    });
    expect(result.scheduled).toBe(10);
    expect(result.latenciesMs).toHaveLength(5);
    expect(result.errors.map((e) => e.index)).toEqual([1, 3, 5, 7, 9]);
    expect(result.errors[0].reason).toBe('GET /x → 500 (request 1)');
  });

  it('refuses a schedule without a positive rate', async () => {
    await expect(runOpenLoop({ rate: 0, durationMs: 100, send: async () => undefined })).rejects.toThrow('positive rate');
  });
});

describe('latency summary', () => {
  it('gives nearest-rank percentiles and the maximum of a fixed sample', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose
    expect(fullLatencySummary(samples)).toEqual({ count: 100, p50: 50, p90: 90, p99: 99, max: 100 });
  });

  it('shows one slow answer in p99 and max but not in p50', () => {
    const samples = [...Array.from({ length: 99 }, () => 5), 400];
    expect(fullLatencySummary(samples)).toMatchObject({ p50: 5, p99: 5, max: 400 });
    expect(fullLatencySummary([...samples, 400])).toMatchObject({ p50: 5, p99: 400, max: 400 });
  });
});
