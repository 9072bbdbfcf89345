/**
 * [#4] The sandbox X-Road security servers (specs/xroad.md A2, A3, A5, A10): routing by service path,
 * the headers each side adds and strips, access rights, errors in both formats and both type
 * spellings, the metaservices and fault injection. A small echo server plays the platform's provider.
 */
import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { logger } from '../../infra/logger';
import { restPath } from '../../infra/xroad/ids';
import { startXroadSandbox, TAMPERE, type RunningXroadSandbox } from '../../sandbox/xroad';
import { testDataDir } from '../support/env';

const PLATFORM = 'FI-TEST/GOV/1234567-1/lupaflow';
const PLATFORM_SERVICE = `${PLATFORM}/viranomaisviestit`;

describe('[#4] Sandbox X-Road security servers', () => {
  let sandbox: RunningXroadSandbox;
  let echo: http.Server;
  const seen: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    const app = express();
    app.get('/base/openapi.json', (_req, res) => { res.json({ openapi: '3.1.0', info: { title: 'echo', version: '1' }, paths: {} }); });
    app.use(express.text({ type: () => true }), (req, res) => {
      seen.push({ path: req.originalUrl, headers: req.headers, body: String(req.body ?? '') });
      res.status(202).set({ 'x-road-id': 'forged-by-provider', 'x-custom-answer': 'kept' }).json({ echoed: true });
    });
    echo = http.createServer(app);
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    sandbox = await startXroadSandbox({
      dataDir: testDataDir('xroad-ss-'), host: '127.0.0.1', ports: { platformSecurityServer: 0, authoritySecurityServer: 0, authoritySystem: 0 },
      platformClientId: PLATFORM, platformProviderUrl: `http://127.0.0.1:${(echo.address() as AddressInfo).port}/base`, auto: false, logger,
    });
  });
  afterAll(async () => {
    await sandbox?.stop();
    await new Promise((resolve) => echo?.close(resolve));
  });
  beforeEach(() => { seen.length = 0; });
  afterEach(async () => {
    for (const ss of [sandbox.urls.platformSecurityServer, sandbox.urls.authoritySecurityServer]) {
      await fetch(`${ss}/_control/faults`, { method: 'DELETE' });
      await fetch(`${ss}/_control/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errorCasing: 'current' }) });
    }
  });

  const viaAuthority = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
    fetch(`${sandbox.urls.authoritySecurityServer}${path}`, { method: 'POST', ...init, headers: { 'x-road-client': TAMPERE.client, ...init.headers } });

  it('routes by the service path to the provider, adding and stripping headers as the protocol says', async () => {
    const res = await viaAuthority(`${restPath(PLATFORM_SERVICE, '/cases/LV-1/status')}?lang=fi`, {
      headers: { 'content-type': 'application/json', 'x-road-userid': 'FI-tester', 'x-road-issue': 'LV-1', 'x-road-request-id': 'client-set', 'x-custom': 'passes', 'user-agent': 'stripped' },
      body: JSON.stringify({ status: 'X' }),
    });
    expect(res.status).toBe(202);
    expect(seen).toHaveLength(1);
    const [{ path, headers, body }] = seen;
    expect(path).toBe('/base/cases/LV-1/status?lang=fi');
    expect(body).toBe('{"status":"X"}');
    expect(headers).toMatchObject({
      'x-road-client': TAMPERE.client, 'x-road-id': expect.stringMatching(/^FI-TEST-[0-9a-f-]{36}$/), 'x-road-userid': 'FI-tester', 'x-road-issue': 'LV-1', 'x-custom': 'passes',
    });
    expect(headers['x-road-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers['user-agent']).toBeUndefined();
    expect(headers['x-road-service']).toBeUndefined();
    expect(res.headers.get('x-road-id')).toBe(headers['x-road-id']);
    expect(res.headers.get('x-road-request-id')).toBe(headers['x-road-request-id']);
    expect(res.headers.get('x-road-client')).toBe(TAMPERE.client);
    expect(res.headers.get('x-road-service')).toBe(PLATFORM_SERVICE);
    expect(res.headers.get('x-road-request-hash')).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(res.headers.get('x-custom-answer')).toBe('kept');
    expect(res.headers.get('x-road-error')).toBeNull();
  });

  it('keeps the X-Road-Id the client set, and percent-decodes each id part', async () => {
    await viaAuthority(restPath(PLATFORM_SERVICE, '/x'), { headers: { 'x-road-id': 'my-message-1' } });
    expect(seen[0].headers['x-road-id']).toBe('my-message-1');
    const encoded = `/r1/FI-TEST/GOV/1234567-1/lupaflow/${encodeURIComponent('viranomaisviestit')}/x`;
    expect((await viaAuthority(encoded)).status).toBe(202);
  });

  it('answers protocol errors, unknown services and denied access in the X-Road error format, JSON or XML, in either spelling', async () => {
    const noClient = await fetch(`${sandbox.urls.authoritySecurityServer}${restPath(PLATFORM_SERVICE, '/x')}`, { method: 'POST' });
    expect(noClient.status).toBe(400);
    expect(noClient.headers.get('x-road-error')).toBe('client.bad_request');
    expect(await noClient.json()).toMatchObject({ type: 'client.bad_request', message: expect.stringContaining('X-Road-Client'), detail: expect.stringMatching(/^[0-9a-f-]{36}$/) });

    const version = await viaAuthority('/r2/FI-TEST/GOV/1234567-1/lupaflow/viranomaisviestit');
    expect(version.headers.get('x-road-error')).toBe('client.bad_request');

    const unknown = await viaAuthority(restPath(`${PLATFORM}/tuntematon`, '/x'), { headers: { accept: 'text/xml' } });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await unknown.text()).toMatch(/<error><type>client\.unknown_service<\/type><message>Unknown service: FI-TEST\/GOV\/1234567-1\/lupaflow\/tuntematon<\/message><detail>/);

    for (const ss of [sandbox.urls.platformSecurityServer, sandbox.urls.authoritySecurityServer]) {
      await fetch(`${ss}/_control/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ errorCasing: 'legacy' }) });
    }
    const denied = await viaAuthority(restPath(PLATFORM_SERVICE, '/x'), { headers: { 'x-road-client': providerSubsystem() } });
    expect(denied.status).toBe(400);
    expect(denied.headers.get('x-road-error')).toBe('Client.AccessDenied');
    expect(seen).toHaveLength(0);
  });

  it('passes the provider\'s own error answers through, without X-Road-Error', async () => {
    const res = await fetch(`${sandbox.urls.platformSecurityServer}${restPath(TAMPERE.service, '/applications')}`, {
      method: 'POST', headers: { 'x-road-client': PLATFORM, 'content-type': 'application/json' }, body: '{}',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-road-error')).toBeNull();
    expect(await res.json()).toMatchObject({ type: 'client.bad_request', message: expect.stringContaining('Malformed application') });
  });

  it('serves listClients, listMethods, allowedMethods and getOpenAPI', async () => {
    const clients: any = await (await fetch(`${sandbox.urls.platformSecurityServer}/listClients`, { headers: { accept: 'application/json' } })).json();
    expect(clients.member).toContainEqual({
      id: { member_class: 'MUN', member_code: '0211675-2', subsystem_code: 'tampere-asianhallinta', object_type: 'SUBSYSTEM', xroad_instance: 'FI-TEST' },
      name: 'Tampereen asianhallinta', subsystem_name: 'Tampereen asianhallinta',
    });
    const xml = await (await fetch(`${sandbox.urls.platformSecurityServer}/listClients`)).text();
    expect(xml).toContain('<member_code>0211675-2</member_code>');

    const listed: any = await (await fetch(`${sandbox.urls.platformSecurityServer}/r1/${providerSubsystem()}/listMethods`, { headers: { 'x-road-client': PLATFORM } })).json();
    expect(listed.service).toEqual([expect.objectContaining({ service_code: 'lupahakemukset', service_type: 'REST', object_type: 'SERVICE', endpoint_list: expect.arrayContaining([{ method: 'POST', path: '/applications' }]) })]);
    const allowed: any = await (await viaAuthority(`/r1/${providerSubsystem()}/allowedMethods`, { method: 'GET' })).json();
    expect(allowed.service).toEqual([]);
    const openapi = await viaAuthority(`/r1/${PLATFORM}/getOpenAPI?serviceCode=viranomaisviestit`, { method: 'GET' });
    expect(await openapi.json()).toMatchObject({ openapi: '3.1.0', info: { title: 'echo' } });
  });

  it('drops, duplicates, delays and fails after delivery on request', async () => {
    const fault = (body: unknown) => fetch(`${sandbox.urls.authoritySecurityServer}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const path = restPath(PLATFORM_SERVICE, '/cases/LV-1/acknowledgement');

    expect((await fault({ mode: 'drop', pathContains: '/acknowledgement' })).status).toBe(201);
    const dropped = await viaAuthority(path);
    expect([dropped.status, dropped.headers.get('x-road-error'), seen.length]).toEqual([500, 'server.clientproxy.network_error', 0]);

    await fault({ mode: 'duplicate' });
    expect((await viaAuthority(path, { headers: { 'x-road-id': 'dup-1' } })).status).toBe(202);
    expect(seen.map((s) => s.headers['x-road-id'])).toEqual(['dup-1', 'dup-1']);

    seen.length = 0;
    await fault({ mode: 'fail-after-delivery' });
    const failed = await viaAuthority(path, { headers: { 'x-road-id': 'fad-1' } });
    expect([failed.status, failed.headers.get('x-road-error'), seen.length]).toEqual([500, 'server.serverproxy.network_error', 1]);

    await fault({ mode: 'delay', delayMs: 300 });
    const started = Date.now();
    expect((await viaAuthority(path)).status).toBe(202);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    // Faults are used up: the next message passes untouched.
    expect((await (await fetch(`${sandbox.urls.authoritySecurityServer}/_control/faults`)).json())).toEqual([]);
  });
});

const providerSubsystem = () => TAMPERE.service.split('/').slice(0, 4).join('/');
