import { readFileSync } from 'node:fs';
import { part as apiLatency } from '../../bench/parts/api-latency';
import { part as loginCost, responseSizes } from '../../bench/parts/login-cost';
import { part as openCases } from '../../bench/parts/open-cases';
import type { BenchContext } from '../../bench/part';
import type { BenchPlatform } from '../../bench/platform';
import { createSessionStore } from '../../api/session/store';
import { timeListing } from '../../bench/list-timing';
import { startOpenCases } from '../../bench/open-case-starter';
import { gaugeValue, processMemory, residentBytes } from '../../bench/process-memory';
import { createApiClient } from '../../bench/api-client';
import { visibilityQuery } from '../../api/operator/visibility-query';
import * as idpDriver from '../../sandbox/saml-idp/driver';
import { statusQuery } from '../../workflows/application/messages';
import { startTestStack, type TestStack } from '../support/stack';

// Issue 7: the bench-figures parts run at a tiny size against the test stack (real logins, real
// workflows), and what they report can fail.
describe('bench figures at a tiny size', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const context = (env: NodeJS.ProcessEnv): BenchContext => ({
    platform: { apiUrl: stack.baseUrl, apiUrls: [stack.baseUrl], databaseUrl: process.env.DATABASE_URL!, workerPids: [], external: true } as unknown as BenchPlatform,
    progress: () => undefined,
    env: { ...process.env, ...env },
  });

  it('api-latency: reads and submits at a fixed rate with real sessions, every answer 2xx', async () => {
    const result = await apiLatency.run(context({ BENCH_READ_RATE: '20', BENCH_SUBMIT_RATE: '2', BENCH_LATENCY_SECONDS: '1' }));
    const { reads, submits } = result.figures as { reads: { count: number; errors: number; errorSamples: string[] }; submits: { count: number; errors: number; errorSamples: string[] } };
    expect({ count: reads.count, errors: reads.errors, samples: reads.errorSamples }).toEqual({ count: 20, errors: 0, samples: [] });
    expect({ count: submits.count, errors: submits.errors, samples: submits.errorSamples }).toEqual({ count: 2, errors: 0, samples: [] });
  }, 120_000);

  it('login-cost: verifies real minted responses with the platform code and times the raw RSA/AES operations', async () => {
    const result = await loginCost.run(context({ BENCH_LOGINS: '3', BENCH_HTTP_LOGINS: '1' }));
    const figures = result.figures as { logins: number; perLogin: { meanUs: number }; raw: { perLoginUs: number; rsaOaepUnwrapUs: number }; http: { count: number } };
    expect(figures.logins).toBe(3);
    expect(figures.perLogin.meanUs).toBeGreaterThan(0);
    expect(figures.raw.rsaOaepUnwrapUs).toBeGreaterThan(0);
    expect(figures.raw.perLoginUs).toBeGreaterThan(figures.raw.rsaOaepUnwrapUs);
    expect(figures.http.count).toBe(1);
  }, 180_000);

  it('login-cost: a response without an encrypted assertion has no sizes to compare with', () => {
    const plain = Buffer.from('<saml2p:Response><ds:SignedInfo></ds:SignedInfo></saml2p:Response>').toString('base64');
    expect(() => responseSizes(plain)).toThrow('no encrypted assertion');
  });

  it('open-cases: started cases open and wait in DRAFT on their draft expiry, and visibility finds them', async () => {
    const login = (idp: 'suomifi' | 'virtu', user: string) => idpDriver.loginThroughSandbox({ apiBaseUrl: stack.baseUrl, idp, user });
    const { cookie } = await login('suomifi', '010280-952L');
    const found = await createSessionStore(stack.db, { idleMinutes: 30, maxHours: 10 }).findByToken(cookie.slice(cookie.indexOf('=') + 1));
    const ids: string[] = [];
    await startOpenCases({ client: stack.client, db: stack.db, taskQueue: stack.taskQueue, authorityId: 'lvv', session: () => found!.session }, 3, 2, (_, id) => ids.push(id));
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) {
      const handle = stack.client.workflow.getHandle(id);
      let view = await handle.query(statusQuery);
      for (let i = 0; i < 50 && view.status !== 'DRAFT'; i++) view = await new Promise((r) => setTimeout(r, 200)).then(() => handle.query(statusQuery));
      expect({ status: view.status, expires: typeof view.deadlines.draftExpiresAt }).toEqual({ status: 'DRAFT', expires: 'string' });
    }
    const operator = createApiClient(stack.baseUrl, { session: await login('virtu', 'olli.operaattori@lvv.fi') });
    const official = createApiClient(stack.baseUrl, { session: await login('virtu', 'kaisa.kasittelija@lvv.fi') });
    const listing = await timeListing(stack.client, visibilityQuery({ service: 'ymparistolupa', status: 'DRAFT' }), { operator, official, operatorPath: '/api/v1/operator/cases?status=DRAFT' });
    expect(listing.countMs).toBeGreaterThan(0);
    expect(listing.operatorSearchMs).toBeGreaterThan(0);
  }, 120_000);

  // The bug: a 100,000-case run outlasted the sessions the officials logged in with at its start, and its
  // first listing got 401, losing every figure. Here their sessions end while the cases open.
  it('open-cases: lists with fresh logins, so officials whose sessions ended while the cases opened do not fail it', async () => {
    const real = idpDriver.loginThroughSandbox;
    const officialCookies: string[] = [];
    const spy = jest.spyOn(idpDriver, 'loginThroughSandbox').mockImplementation(async (opts) => {
      const answer = await real(opts);
      if (opts.idp === 'virtu') officialCookies.push(answer.cookie);
      return answer;
    });
    const store = createSessionStore(stack.db, { idleMinutes: 30, maxHours: 10 });
    const ending: Promise<void>[] = [];
    const endOfficialSessions = async (cookies: string[]) => {
      for (const cookie of cookies) {
        const found = await store.findByToken(cookie.slice(cookie.indexOf('=') + 1));
        if (found) await store.end(found.session.id);
      }
    };
    try {
      const ctx = context({ BENCH_OPEN_CASES: '1,2', BENCH_OPEN_CASES_SETTLE_SECONDS: '0', TEMPORAL_TASK_QUEUE: stack.taskQueue });
      ctx.platform = { ...ctx.platform!, temporalAddress: process.env.TEMPORAL_ADDRESS!, temporalNamespace: process.env.TEMPORAL_NAMESPACE ?? 'default' };
      ctx.progress = (line) => {
        // The moment before each listing: every official session so far ends, as after a long opening.
        if (/ open: worker RSS /.test(line)) ending.push(endOfficialSessions(officialCookies.splice(0)));
      };
      const result = await openCases.run(ctx);
      await Promise.all(ending);
      const sizes = (result.figures as { sizes: { openCases: number; listing: { operatorSearchMs: number; officialQueueMs: number } }[] }).sizes;
      expect(ending).toHaveLength(2);
      expect(sizes.map((size) => size.openCases)).toEqual([1, 2]);
      for (const { listing } of sizes) expect(Math.min(listing.operatorSearchMs, listing.officialQueueMs)).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
    }
  }, 180_000);

  it('process memory: reads RSS from /proc and refuses a status without it', async () => {
    const own = await processMemory(process.pid);
    expect(own.rssMb).toBeGreaterThan(10);
    expect(residentBytes(readFileSync('/proc/self/status', 'utf8'))).toBeGreaterThan(10 * 1024 * 1024);
    expect(() => residentBytes('Name:\tnode\n')).toThrow('no VmRSS');
    expect(gaugeValue('# TYPE x gauge\nnodejs_heap_size_used_bytes 1234\n', 'nodejs_heap_size_used_bytes')).toBe(1234);
    expect(gaugeValue('other 1\n', 'nodejs_heap_size_used_bytes')).toBeUndefined();
  });
});
