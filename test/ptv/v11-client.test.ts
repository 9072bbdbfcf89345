import { createPtvV11Client } from '../../activities/ptv/v11-client';
import type { PtvCatalogueApi } from '../../activities/ptv/catalogue-api';
import { startPtvSandbox, type RunningPtvSandbox } from '../../sandbox/ptv';
import { ORG, PLATFORM_CHANNEL_ID, SERVICE } from '../../sandbox/ptv/fixtures';

const user = { username: 'API1@testi.fi', password: 'client-test-password', organisationId: ORG.lvv };
const PLATFORM = 'http://platform.example:3000';

describe('[#5] The PTV v11 client against the sandbox PTV', () => {
  let ptv: RunningPtvSandbox;
  let client: PtvCatalogueApi;

  beforeAll(async () => {
    // Page size 2: the Lupa- ja valvontavirasto's three published services take two pages.
    ptv = await startPtvSandbox({ port: 0, platformBaseUrl: PLATFORM, users: [user], pageSize: 2 });
    client = createPtvV11Client({ baseUrl: ptv.baseUrl, tokenUrl: ptv.tokenUrl, username: user.username, password: user.password });
  });
  afterAll(async () => ptv?.stop());

  it('reads every page of an organisation\'s published services, in Finnish, Swedish and English', async () => {
    const page1 = await (await fetch(`${ptv.baseUrl}/Service/list/organization?organizationId=${ORG.lvv}&page=1`)).json() as any;
    expect(page1).toMatchObject({ pageNumber: 1, pageSize: 2, pageCount: 2 });
    expect(page1.itemList).toHaveLength(2);

    const services = await client.servicesOfOrganisation(ORG.lvv);
    expect(services.map((s) => s.id).sort()).toEqual([SERVICE.ymparistolupa, SERVICE.vesitalouslupa, SERVICE.luonnonsuojelu].sort());
    const env = services.find((s) => s.id === SERVICE.ymparistolupa)!;
    expect(env).toMatchObject({
      type: 'PermitOrObligation',
      organisationId: ORG.lvv,
      publishingStatus: 'Published',
      names: { fi: 'Ympäristölupa', sv: 'Miljötillstånd', en: 'Environmental permit' },
      channelIds: [PLATFORM_CHANNEL_ID],
    });
    expect(env.descriptions.sv).toContain('miljöskyddslagen');
  });

  it('serves the v11 text items and null serviceChannels for a service without connections', async () => {
    const raw = await (await fetch(`${ptv.baseUrl}/Service/${SERVICE.kemikaalilupa}`)).json() as any;
    expect(raw.serviceNames).toContainEqual({ language: 'sv', value: expect.stringContaining('farliga kemikalier'), type: 'Name' });
    expect(raw.serviceChannels).toBeNull();
    expect((await client.service(SERVICE.kemikaalilupa))?.channelIds).toEqual([]);
  });

  it('answers 404 with errorMessage for an archived service, and the client reads it as not published', async () => {
    const res = await fetch(`${ptv.baseUrl}/Service/${SERVICE.archived}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errorMessage: `Service with id '${SERVICE.archived}' not found.` });
    expect(await client.service(SERVICE.archived)).toBeNull();
    expect(await client.latestService(SERVICE.archived)).toBeNull();
  });

  it('hides a draft from the public API but shows it to the API user through /active/', async () => {
    expect(await client.service(SERVICE.jatelupaDraft)).toBeNull();
    expect(await client.latestService(SERVICE.jatelupaDraft)).toMatchObject({ id: SERVICE.jatelupaDraft, publishingStatus: 'Draft' });
  });

  it('answers a malformed id with the 400 field dictionary', async () => {
    const res = await fetch(`${ptv.baseUrl}/Service/not-a-guid`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ id: ["The value 'not-a-guid' is not valid."] });
  });

  it('logs in with the test environment\'s ptvToken field, a JWT with exp; wrong credentials get 401', async () => {
    const ok = await fetch(ptv.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user.username, password: user.password }) });
    const body = await ok.json() as any;
    expect(Object.keys(body)).toEqual(['ptvToken']);
    const claims = JSON.parse(Buffer.from(body.ptvToken.split('.')[1], 'base64url').toString());
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
    const bad = await fetch(ptv.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user.username, password: 'wrong' }) });
    expect(bad.status).toBe(401);
  });

  it('refuses writes and /active/ reads without a Bearer token, and anonymous GETs with a malformed one', async () => {
    const put = await fetch(`${ptv.baseUrl}/Connection/serviceId/${SERVICE.kemikaalilupa}`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ channelRelations: [] }),
    });
    expect(put.status).toBe(401);
    expect((await fetch(`${ptv.baseUrl}/Service/active/${SERVICE.ymparistolupa}`)).status).toBe(401);
    const garbled = await fetch(`${ptv.baseUrl}/Service/${SERVICE.ymparistolupa}`, { headers: { authorization: 'Bearer x.y.z' } });
    expect(garbled.status).toBe(500);
  });

  it('validates an EChannel POST with the 400 field dictionary', async () => {
    const { ptvToken } = await (await fetch(ptv.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) })).json() as any;
    const res = await fetch(`${ptv.baseUrl}/ServiceChannel/EChannel`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ptvToken}` },
      body: JSON.stringify({ organizationId: ORG.lvv, serviceChannelNames: [{ language: 'fi', value: 'Kanava' }] }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ ServiceChannelDescriptions: ['The ServiceChannelDescriptions field requires a Summary.'] });
  });

  it('creates a channel and connects a service to it, keeping the service\'s other connections', async () => {
    const channel = await client.createElectronicChannel({
      organisationId: ORG.lvv, url: 'http://other.example',
      names: { fi: 'Toinen kanava', sv: 'En annan kanal', en: 'Another channel' },
      summaries: { fi: 'Tiivistelmä', sv: 'Sammanfattning', en: 'Summary' },
      descriptions: { fi: 'Kuvaus', sv: 'Beskrivning', en: 'Description' },
    });
    expect(channel).toMatchObject({ organisationId: ORG.lvv, webPageUrls: ['http://other.example', 'http://other.example', 'http://other.example'], publishingStatus: 'Published' });
    expect((await client.electronicChannels(ORG.lvv)).map((c) => c.id)).toEqual(expect.arrayContaining([PLATFORM_CHANNEL_ID, channel.id]));

    await client.connect(SERVICE.vesitalouslupa, channel.id);
    await client.connect(SERVICE.vesitalouslupa, channel.id); // already there: nothing changes
    expect((await client.service(SERVICE.vesitalouslupa))?.channelIds).toEqual([PLATFORM_CHANNEL_ID, channel.id]);
  });
});
