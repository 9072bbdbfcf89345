/**
 * The sandbox PTV: the v11 Open API of the Suomi.fi Service Catalogue over its fixture data
 * (specs/ptv.md B6). Anonymous GETs, Bearer-protected `/active/` reads and writes, a token login that
 * answers `ptvToken` as the test environment does, the v11 paging object, 404 `{errorMessage}` and
 * 400 `{"Field":["msg"]}`.
 */
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Lang, Texts } from './fixtures';
import { channelJson, organisationJson, page, serviceJson } from './shapes';
import type { PtvStore } from './store';
import type { TokenIssuer } from './token';

export interface PtvApiUser { username: string; password: string; organisationId: string }

export interface PtvServerOptions {
  store: PtvStore;
  tokens: TokenIssuer;
  users: PtvApiUser[];
  /** Page size of the full-data lists (PTV: 100); tests make it small to see paging. */
  pageSize: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES = ['Draft', 'Published'];

const badRequest = (res: Response, field: string, message: string) => res.status(400).json({ [field]: [message] });
const notFound = (res: Response, message: string) => res.status(404).json({ errorMessage: message });

/** The Express app serving `/api/auth/api-login` and `/api/v11/…`. */
export function createPtvApp(opts: PtvServerOptions): express.Express {
  const { store, tokens } = opts;
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb' }));

  app.post('/api/auth/api-login', (req, res) => {
    const { username, password, apiUserOrganisation } = req.body ?? {};
    const user = opts.users.find((u) => u.username === username && u.password === password);
    if (!user || (apiUserOrganisation && apiUserOrganisation !== user.organisationId)) {
      res.status(401).json({ errorMessage: 'Invalid username or password.' });
      return;
    }
    // The customer test environment names the field ptvToken; production names it serviceToken.
    res.json({ ptvToken: tokens.issue(user.username, user.organisationId) });
  });

  const v11 = express.Router();
  const claims = (req: Request) => {
    const header = req.get('authorization');
    const match = header?.match(/^Bearer (.+)$/);
    return match ? tokens.verify(match[1]) : null;
  };
  /** Writes and /active/ reads: 401 without a valid Bearer token. */
  const bearer: RequestHandler = (req, res, next) => {
    const who = claims(req);
    if (!who) {
      res.status(401).json({ errorMessage: 'Authorization has been denied for this request.' });
      return;
    }
    res.locals.organisationId = who.organization;
    next();
  };
  /** Anonymous GETs: a malformed Bearer token still breaks them with a 500, as in PTV. */
  const anonymous: RequestHandler = (req, res, next) => {
    if (req.get('authorization') && !claims(req)) {
      res.status(500).json({ errorMessage: 'An error occurred while processing the request.' });
      return;
    }
    next();
  };
  const guid = (name: string): RequestHandler => (req, res, next) => {
    const value = String(req.params[name] ?? req.query[name] ?? '');
    if (!GUID.test(value)) {
      badRequest(res, name, `The value '${value}' is not valid.`);
      return;
    }
    next();
  };
  const pageOf = (req: Request) => Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1);

  v11.get('/Service/active/:id', bearer, guid('id'), (req, res) => {
    const s = store.services.get(String(req.params.id));
    if (!s || s.publishingStatus === 'Deleted') return void notFound(res, `Service with id '${req.params.id}' not found.`);
    res.json(serviceJson(s, store.lookup));
  });
  v11.get('/Service/list/organization', anonymous, guid('organizationId'), (req, res) => {
    const items = store.publishedServicesOf(String(req.query.organizationId)).map((s) => serviceJson(s, store.lookup));
    res.json(page(items, pageOf(req), opts.pageSize));
  });
  v11.get('/Service/:id', anonymous, guid('id'), (req, res) => {
    const s = store.services.get(String(req.params.id));
    // The public API serves published versions only: a draft or an archived service is not found.
    if (!s || s.publishingStatus !== 'Published') return void notFound(res, `Service with id '${req.params.id}' not found.`);
    res.json(serviceJson(s, store.lookup));
  });
  v11.get('/ServiceChannel/organization/:organizationId/type/:type', anonymous, guid('organizationId'), (req, res) => {
    if (req.params.type !== 'EChannel') return void res.json(page([], pageOf(req), opts.pageSize));
    const items = [...store.channels.values()]
      .filter((c) => c.organisationId === req.params.organizationId && c.publishingStatus === 'Published')
      .map((c) => channelJson(c, store.lookup));
    res.json(page(items, pageOf(req), opts.pageSize));
  });
  v11.get('/ServiceChannel/:id', anonymous, guid('id'), (req, res) => {
    const c = store.channels.get(String(req.params.id));
    if (!c || c.publishingStatus !== 'Published') return void notFound(res, `Service channel with id '${req.params.id}' not found.`);
    res.json(channelJson(c, store.lookup));
  });
  v11.get('/Organization/:id', anonymous, guid('id'), (req, res) => {
    const o = store.organisations.get(String(req.params.id));
    if (!o) return void notFound(res, `Organization with id '${req.params.id}' not found.`);
    res.json(organisationJson(o));
  });

  v11.post('/ServiceChannel/EChannel', bearer, (req, res) => {
    const body = req.body ?? {};
    const problem = echannelProblem(body);
    if (problem) return void badRequest(res, problem[0], problem[1]);
    if (body.organizationId !== res.locals.organisationId) {
      res.status(403).json({ errorMessage: 'The API user may not add channels to another organization.' });
      return;
    }
    const channel = store.createChannel({
      organisationId: body.organizationId,
      names: texts(body.serviceChannelNames),
      summaries: texts(body.serviceChannelDescriptions.filter((d: { type: string }) => d.type === 'Summary')),
      descriptions: texts(body.serviceChannelDescriptions.filter((d: { type: string }) => d.type === 'Description')),
      webPages: texts(body.webPage),
      publishingStatus: body.publishingStatus,
    });
    res.json(channelJson(channel, store.lookup));
  });

  v11.put('/Connection/serviceId/:id', bearer, guid('id'), (req, res) => {
    const service = store.services.get(String(req.params.id));
    if (!service || service.publishingStatus === 'Deleted') return void notFound(res, `Service with id '${req.params.id}' not found.`);
    const relations: unknown = req.body?.channelRelations;
    if (!Array.isArray(relations)) return void badRequest(res, 'ChannelRelations', 'The ChannelRelations field is required.');
    const ids = relations.map((r) => String((r as { serviceChannelId?: unknown })?.serviceChannelId ?? ''));
    const bad = ids.findIndex((id) => !GUID.test(id) || !store.channels.has(id));
    if (bad >= 0) return void badRequest(res, `ChannelRelations[${bad}].ServiceChannelId`, `Service channel '${ids[bad]}' not found.`);
    if (new Set(ids).size !== ids.length) return void badRequest(res, 'ChannelRelations', 'Duplicate service channel relations.');
    store.replaceConnections(service.id, ids);
    res.json(serviceJson(service, store.lookup));
  });

  app.use('/api/v11', v11);
  app.use('/api/:version', (req, res) => notFound(res, /^v(9|10|11)$/.test(String(req.params.version)) ? 'Not found.' : 'This version is not supported!'));
  return app;
}

function texts(items: unknown): Texts {
  const out: Texts = {};
  for (const item of Array.isArray(items) ? items : []) {
    const { language, value } = item as { language?: string; value?: string };
    if (language && value && ['fi', 'sv', 'en'].includes(language)) out[language as Lang] = value;
  }
  return out;
}

/** The first validation problem of an EChannel POST (V11VmOpenApiElectronicChannelIn), as [field, message]. */
function echannelProblem(body: Record<string, any>): [string, string] | null {
  if (!GUID.test(String(body.organizationId ?? ''))) return ['OrganizationId', 'The OrganizationId field is required.'];
  const names = body.serviceChannelNames;
  if (!Array.isArray(names) || names.length === 0) return ['ServiceChannelNames', 'The ServiceChannelNames field is required.'];
  if (names.some((n) => typeof n?.value !== 'string' || n.value.length > 100)) return ['ServiceChannelNames', 'Name is required and at most 100 characters.'];
  const descriptions = body.serviceChannelDescriptions;
  if (!Array.isArray(descriptions) || !descriptions.some((d) => d?.type === 'Summary')) {
    return ['ServiceChannelDescriptions', 'The ServiceChannelDescriptions field requires a Summary.'];
  }
  if (!descriptions.some((d) => d?.type === 'Description')) return ['ServiceChannelDescriptions', 'The ServiceChannelDescriptions field requires a Description.'];
  if (!Array.isArray(body.webPage) || body.webPage.length === 0) return ['WebPage', 'The WebPage field is required.'];
  if (typeof body.requiresAuthentication !== 'boolean') return ['RequiresAuthentication', 'The RequiresAuthentication field is required.'];
  if (!Array.isArray(body.languages) || body.languages.length === 0) return ['Languages', 'The Languages field is required.'];
  if (!STATUSES.includes(body.publishingStatus)) return ['PublishingStatus', "The PublishingStatus must be 'Draft' or 'Published'."];
  return null;
}

