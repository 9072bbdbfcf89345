import { randomUUID } from 'node:crypto';
import { loginThroughSandbox } from '../../sandbox/saml-idp/driver';
import { connectClient } from '../../infra/temporal/connection';
import { requestsPerApi } from '../../scripts/multi-node/api-share';
import { checkShare } from '../../scripts/multi-node/share-checks';
import { startTopology, type Topology } from '../../scripts/multi-node/topology';
import { countWorkShare, fetchHistories } from '../../scripts/multi-node/work-share';
import { call, eventually, expectError, type Caller } from '../api/http';
import { partialForm, SERVICE_ID } from '../api/forms';
import { testCoreConfig, testDataDir } from '../support/env';

describe('[#7] Two API and two worker processes on one Temporal server and one PostgreSQL', () => {
  let topology: Topology;
  let tessa: Caller;
  // A queue of its own: the other test files' workers on the shared Temporal server must not take these tasks.
  const taskQueue = `multi-node-${randomUUID()}`;

  beforeAll(async () => {
    topology = await startTopology({ apis: 2, workers: 2, dataDir: testDataDir('multi-node-'), env: { ...process.env, TEMPORAL_TASK_QUEUE: taskQueue } });
    // Through the load balancer, as a browser would: the SAML round trip may start on one API and end on the other.
    tessa = await loginThroughSandbox({ apiBaseUrl: topology.loadBalancer.url, idp: 'suomifi', user: '010280-952L' });
  }, 180_000);
  afterAll(async () => topology?.stop());

  const [first, second] = [() => topology.apis[0].url, () => topology.apis[1].url];
  const start = (baseUrl: string) => call(baseUrl, tessa, 'POST', '/api/v1/applications', { body: { serviceId: SERVICE_ID, language: 'fi' } });

  it('serves a case started through api-1 to the same session on api-2, and a change made through api-2 is read on api-1', async () => {
    const started = await start(first());
    expect(started.status).toBe(201);
    const own = `/api/v1/applications/${started.body.applicationId}`;

    const onSecond = await call(second(), tessa, 'GET', own);
    expect(onSecond.status).toBe(200);
    expect(onSecond.body).toMatchObject({ applicationId: started.body.applicationId, status: 'DRAFT' });
    const saved = await call(second(), tessa, 'PUT', `${own}/draft`, { body: { form: partialForm, expectedVersion: started.body.draft.version } });
    expect(saved.status).toBe(200);
    expect((await call(first(), tessa, 'GET', own)).body.draft).toEqual(saved.body.draft);
    // It is the session that travels, not something api-2 takes on trust.
    expectError(await call(second(), {}, 'GET', own), 401, 'NOT_AUTHENTICATED');
  });

  it('completes a login begun on api-1 whose IdP answer reaches api-2 (outstanding SAML requests live in PostgreSQL)', async () => {
    const anna = await loginThroughSandbox({ apiBaseUrl: first(), acsBaseUrl: second(), idp: 'suomifi', user: '010675-9981' });
    const me = await call(first(), anna, 'GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.csrfToken).toBe(anna.csrfToken);
  });

  it('shares the cases\' workflow and activity tasks between both workers and the requests between both APIs', async () => {
    await Promise.all(Array.from({ length: 6 }, async (_, i) => {
      const baseUrl = i % 2 ? second() : first();
      const started = await start(baseUrl);
      expect(started.status).toBe(201);
      const saved = await call(baseUrl, tessa, 'PUT', `/api/v1/applications/${started.body.applicationId}/draft`, { body: { form: partialForm, expectedVersion: started.body.draft.version } });
      expect(saved.status).toBe(200);
    }));
    const client = await connectClient(testCoreConfig());
    try {
      // The list comes from Temporal's visibility store, which may trail the starts by a moment.
      const histories = await eventually(() => fetchHistories(client, taskQueue), (found) => found.length === 7);
      const work = countWorkShare(histories, topology.workers);
      expect(work.cases).toBe(7);
      const failed = checkShare({ work, requests: await requestsPerApi(topology.apis), xroadConnections: {} }).filter((check) => !check.pass);
      expect(failed).toEqual([]);
    } finally {
      await client.connection.close();
    }
  });
});
