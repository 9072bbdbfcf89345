/**
 * The PTV Open API v11 client (specs/ptv.md B2–B5): anonymous GETs, a Bearer token from the API
 * login for `/active/` reads and writes, the `{pageNumber,pageSize,pageCount,itemList}` paging.
 */
import { measureIntegration, operationOf, outcomeOfStatus } from '../../infra/telemetry/integration-metrics';
import type { Language } from '../../workflows/application/messages';
import { PtvRequestRefused, PtvUnavailable, type NewPtvChannel, type PtvCatalogueApi, type PtvChannel, type PtvService, type PtvTexts } from './catalogue-api';

export interface PtvV11Settings {
  /** …/api/v11 */
  baseUrl: string;
  tokenUrl: string;
  username?: string;
  password?: string;
  /** The API user's organisation, sent when the user is linked to several. */
  organisationId?: string;
  timeoutMs?: number;
}

interface TextItem { language: string; value: string; type?: string }
interface V11Page<T> { pageNumber: number; pageSize: number; pageCount: number; itemList: T[] | null }

const LANGUAGES: Language[] = ['fi', 'sv', 'en'];
// Renew the token this long before its `exp`, so a request never leaves with one about to expire.
const TOKEN_MARGIN_MS = 60_000;

function texts(items: TextItem[] | null | undefined, type: string): PtvTexts {
  const out: PtvTexts = {};
  for (const item of items ?? []) {
    if (item.type === type && LANGUAGES.includes(item.language as Language)) out[item.language as Language] = item.value;
  }
  return out;
}

function toService(json: any): PtvService {
  const summaries = texts(json.serviceDescriptions, 'Summary');
  return {
    id: json.id,
    type: json.type,
    organisationId: (json.organizations ?? []).find((o: any) => o.roleType === 'Responsible')?.organization?.id ?? null,
    names: texts(json.serviceNames, 'Name'),
    descriptions: { ...summaries, ...texts(json.serviceDescriptions, 'Description') },
    publishingStatus: json.publishingStatus,
    // PTV writes UTC without a zone (yyyy-MM-ddTHH:mm:ss).
    modified: /(Z|[+-]\d\d:\d\d)$/.test(json.modified) ? json.modified : `${json.modified}Z`,
    channelIds: (json.serviceChannels ?? []).map((c: any) => c.serviceChannel.id),
  };
}

function toChannel(json: any): PtvChannel {
  return {
    id: json.id,
    organisationId: json.organizationId,
    names: texts(json.serviceChannelNames, 'Name'),
    webPageUrls: (json.webPages ?? []).map((w: any) => w.url ?? w.value).filter(Boolean),
    publishingStatus: json.publishingStatus,
  };
}

const itemsOf = (language: Language[], value: Record<Language, string>, type?: string) =>
  language.map((l) => ({ language: l, value: value[l], ...(type ? { type } : {}) }));

/** Builds the v11 implementation of the catalogue interface. */
export function createPtvV11Client(settings: PtvV11Settings): PtvCatalogueApi {
  const base = settings.baseUrl.replace(/\/$/, '');
  const timeoutMs = settings.timeoutMs ?? 15_000;
  let token: { value: string; expiresAt: number } | null = null;

  async function send(method: string, path: string, opts: { auth?: boolean; body?: unknown } = {}): Promise<{ status: number; json: any }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    // Never a Bearer on anonymous GETs: PTV answers a bad one there with a 500.
    if (opts.auth) headers.authorization = `Bearer ${await bearer()}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await reach(operationOf(method, path), () => fetch(`${base}${path}`, {
      method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body), signal: AbortSignal.timeout(timeoutMs),
    }));
    const text = await res.text();
    let json: any = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    if (res.status === 401 && opts.auth) token = null;
    return { status: res.status, json };
  }

  async function expectOk(method: string, path: string, opts: { auth?: boolean; body?: unknown } = {}): Promise<any> {
    const { status, json } = await send(method, path, opts);
    if (status >= 200 && status < 300) return json;
    throw failure(method, path, status, json);
  }

  async function bearer(): Promise<string> {
    if (token && token.expiresAt - TOKEN_MARGIN_MS > Date.now()) return token.value;
    if (!settings.username || !settings.password) throw new PtvRequestRefused('PTV_USERNAME and PTV_PASSWORD are not set: the PTV write API needs them.', 401);
    const res = await reach('POST login', () => fetch(settings.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ username: settings.username, password: settings.password, ...(settings.organisationId ? { apiUserOrganisation: settings.organisationId } : {}) }),
      signal: AbortSignal.timeout(timeoutMs),
    }));
    if (res.status === 401 || res.status === 403) throw new PtvRequestRefused('PTV refused the API user\'s credentials.', res.status);
    if (!res.ok) throw new PtvUnavailable(`PTV login answered ${res.status}`);
    const json = await res.json() as { serviceToken?: string; ptvToken?: string };
    // Production answers serviceToken, the customer test environment ptvToken (specs/ptv.md B2).
    const value = json.serviceToken ?? json.ptvToken;
    if (!value) throw new Error('PTV login answered without a token');
    token = { value, expiresAt: expiryOf(value) };
    return value;
  }

  const findService = async (path: string, auth: boolean): Promise<PtvService | null> => {
    const { status, json } = await send('GET', path, { auth });
    if (status === 404 || status === 400) return null;
    if (status !== 200) throw failure('GET', path, status, json);
    return toService(json);
  };

  async function allPages<T>(path: string): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; ; page++) {
      const body: V11Page<T> = await expectOk('GET', `${path}${path.includes('?') ? '&' : '?'}page=${page}`);
      out.push(...(body.itemList ?? []));
      if (page >= body.pageCount) return out;
    }
  }

  return {
    identifier: 'ptv-v11',
    service: (id) => findService(`/Service/${encodeURIComponent(id)}`, false),
    latestService: (id) => findService(`/Service/active/${encodeURIComponent(id)}`, true),
    async servicesOfOrganisation(organisationId) {
      return (await allPages<any>(`/Service/list/organization?organizationId=${encodeURIComponent(organisationId)}`)).map(toService);
    },
    async electronicChannels(organisationId) {
      return (await allPages<any>(`/ServiceChannel/organization/${encodeURIComponent(organisationId)}/type/EChannel`)).map(toChannel);
    },
    async createElectronicChannel(channel: NewPtvChannel) {
      const languages = LANGUAGES;
      const json = await expectOk('POST', '/ServiceChannel/EChannel', {
        auth: true,
        body: {
          organizationId: channel.organisationId,
          serviceChannelNames: itemsOf(languages, channel.names),
          serviceChannelDescriptions: [...itemsOf(languages, channel.summaries, 'Summary'), ...itemsOf(languages, channel.descriptions, 'Description')],
          webPage: languages.map((language) => ({ language, value: channel.url })),
          requiresAuthentication: true,
          requiresSignature: false,
          languages,
          accessibilityClassification: languages.map((language) => ({
            accessibilityClassificationLevel: 'PartiallyCompliant', wcagLevel: 'LevelAA', language,
            accessibilityStatementWebPageName: 'Saavutettavuusseloste', accessibilityStatementWebPage: `${channel.url}/accessibility`,
          })),
          publishingStatus: 'Published',
        },
      });
      return toChannel(json);
    },
    async connect(serviceId, channelId) {
      // The PUT replaces every connection of the service: send the ones it has plus the new one.
      const current = await findService(`/Service/active/${encodeURIComponent(serviceId)}`, true);
      if (!current) throw new PtvRequestRefused(`PTV does not know the service ${serviceId}.`, 404);
      if (current.channelIds.includes(channelId)) return;
      await expectOk('PUT', `/Connection/serviceId/${encodeURIComponent(serviceId)}`, {
        auth: true,
        body: { deleteAllChannelRelations: false, channelRelations: [...current.channelIds, channelId].map((id) => ({ serviceChannelId: id })) },
      });
    },
  };
}

/** Runs a request, timed as `operation`; a transport error or timeout means PTV is unavailable. */
async function reach(operation: string, request: () => Promise<Response>): Promise<Response> {
  try {
    return await measureIntegration('ptv', operation, request, { result: (res) => outcomeOfStatus(res.status) });
  } catch (err) {
    throw new PtvUnavailable(`PTV ${operation} could not be reached: ${(err as Error).message}`);
  }
}

/** PTV's error answer as an error: 4xx will not change by retrying (refused), 5xx may (unavailable). */
function failure(method: string, path: string, status: number, json: any): Error {
  const detail = json?.errorMessage ?? (json && typeof json === 'object' ? Object.entries(json).map(([k, v]) => `${k}: ${v}`).join('; ') : '');
  const message = `PTV ${method} ${path.split('?')[0]} answered ${status}${detail ? `: ${detail}` : ''}`;
  return status >= 400 && status < 500 ? new PtvRequestRefused(message, status) : new PtvUnavailable(message);
}

/** The `exp` of a JWT in ms; an hour from now if it has none readable. */
function expiryOf(jwt: string): number {
  try {
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
    if (typeof claims.exp === 'number') return claims.exp * 1000;
  } catch { /* fall through */ }
  return Date.now() + 3600_000;
}
