/**
 * How long it takes to find cases by search attribute at a given size: Temporal visibility directly
 * (count, and the first page of 200 the operator search reads) and through the API (the operator's
 * search, the official's queue), each the median of a few runs.
 */
import type { Client } from '@temporalio/client';
import type { ApiClient } from './api-client';
import { percentile, round1 } from './stats';

export interface ListTimings {
  matching: number;
  countMs: number;
  listFirstPageMs: number;
  operatorSearchMs: number;
  officialQueueMs: number;
}

const RUNS = 3;

async function medianMs(run: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return round1(percentile(samples, 50));
}

export async function timeListing(client: Client, query: string, api: { operator: ApiClient; official: ApiClient; operatorPath: string }): Promise<ListTimings> {
  let matching = 0;
  const countMs = await medianMs(async () => {
    matching = (await client.workflow.count(query)).count;
  });
  const listFirstPageMs = await medianMs(async () => {
    let n = 0;
    for await (const _ of client.workflow.list({ query, pageSize: 200 })) if (++n >= 200) break;
  });
  const operatorSearchMs = await medianMs(() => api.operator.get(api.operatorPath));
  const officialQueueMs = await medianMs(() => api.official.get('/api/v1/official/cases'));
  return { matching, countMs, listFirstPageMs, operatorSearchMs, officialQueueMs };
}
