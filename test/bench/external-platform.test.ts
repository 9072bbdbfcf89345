import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectExternalPlatform } from '../../bench/external-platform';

/** A stand-in API instance whose /health answers `status`. */
async function healthServer(status: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => res.writeHead(req.url === '/health' ? status : 404).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const platformEnv = { TEMPORAL_ADDRESS: '127.0.0.1:7233', DATABASE_URL: 'postgres://lupaflow@127.0.0.1:5433/lupaflow' };

describe('[#7] The bench against a platform running elsewhere (BENCH_API_URLS)', () => {
  it('takes every API instance, the worker pids and the sandbox URLs from the environment, and never stops the platform', async () => {
    const [one, two] = await Promise.all([healthServer(200), healthServer(200)]);
    try {
      const platform = await connectExternalPlatform({
        ...platformEnv, BENCH_API_URLS: `${one.url}/, ${two.url}`, BENCH_WORKER_PIDS: '101,202', BENCH_SANDBOX_URLS: JSON.stringify({ authoritySystem: 'http://127.0.0.1:4107' }),
      });
      expect(platform).toMatchObject({
        external: true, apiUrl: one.url, apiUrls: [one.url, two.url], workerPids: [101, 202], sandboxUrls: { authoritySystem: 'http://127.0.0.1:4107' },
        temporalAddress: platformEnv.TEMPORAL_ADDRESS, temporalNamespace: 'default', databaseUrl: platformEnv.DATABASE_URL,
      });
      await platform.stop();
      expect((await fetch(`${one.url}/health`)).status).toBe(200);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('refuses a bad environment naming each variable', async () => {
    await expect(connectExternalPlatform({ BENCH_WORKER_PIDS: 'x', BENCH_SANDBOX_URLS: '{not json' }))
      .rejects.toThrow(/BENCH_API_URLS is missing[\s\S]*TEMPORAL_ADDRESS is missing[\s\S]*DATABASE_URL is missing[\s\S]*BENCH_WORKER_PIDS is invalid[\s\S]*BENCH_SANDBOX_URLS is invalid/);
  });

  it('fails naming the API instance whose /health does not answer 200', async () => {
    const [healthy, failing] = await Promise.all([healthServer(200), healthServer(503)]);
    try {
      await expect(connectExternalPlatform({ ...platformEnv, BENCH_API_URLS: `${healthy.url},${failing.url}` }, 500))
        .rejects.toThrow(`${failing.url}/health did not answer 2xx`);
    } finally {
      await Promise.all([healthy.close(), failing.close()]);
    }
  });
});
