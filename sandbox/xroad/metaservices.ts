/**
 * The REST metaservices of a security server (specs/xroad.md A5): listClients, listMethods,
 * allowedMethods, getOpenAPI. Real X-Road asks the provider's security server for the last three;
 * the sandbox reads the shared global configuration instead, with the same answers.
 */
import type { Request, Response } from 'express';
import { parseClientId } from '../../infra/xroad/ids';
import { send } from './forward';
import type { GlobalConf, ProvidedService } from './global-conf';

export const METASERVICES = new Set(['listMethods', 'allowedMethods', 'getOpenAPI']);

const escapeXml = (s: string) => s.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] as string);

/** GET /listClients: JSON when asked for, XML otherwise. */
export function listClients(conf: GlobalConf, req: Request, res: Response): void {
  const instance = typeof req.query.xRoadInstance === 'string' ? req.query.xRoadInstance : undefined;
  const members = conf.members.flatMap((m) => {
    const id = parseClientId(m.id);
    if (!id || (instance && id.instance !== instance)) return [];
    return [{
      id: {
        member_class: id.memberClass, member_code: id.memberCode, ...(id.subsystem ? { subsystem_code: id.subsystem } : {}),
        object_type: id.subsystem ? 'SUBSYSTEM' : 'MEMBER', xroad_instance: id.instance,
      },
      name: m.name,
      ...(id.subsystem ? { subsystem_name: m.name } : {}),
    }];
  });
  if (/application\/json/i.test(req.headers.accept ?? '')) {
    res.json({ member: members });
    return;
  }
  const xml = members.map((m) => `<member><id object_type="${m.id.object_type}"><xroad_instance>${escapeXml(m.id.xroad_instance)}</xroad_instance><member_class>${escapeXml(m.id.member_class)}</member_class><member_code>${escapeXml(m.id.member_code)}</member_code>${m.id.subsystem_code ? `<subsystem_code>${escapeXml(m.id.subsystem_code)}</subsystem_code>` : ''}</id><name>${escapeXml(m.name)}</name></member>`).join('');
  res.type('text/xml').send(`<?xml version="1.0" encoding="UTF-8"?><clientList>${xml}</clientList>`);
}

function describe(s: ProvidedService) {
  const [xroad_instance, member_class, member_code, subsystem_code, service_code] = s.id.split('/');
  return { member_class, member_code, object_type: 'SERVICE', service_code, service_type: s.type, subsystem_code, xroad_instance, endpoint_list: s.endpoints };
}

/** listMethods / allowedMethods of a provider subsystem; allowedMethods only what `client` may call. */
export function listMethods(services: ProvidedService[], subsystem: string, client: string | null): unknown {
  const mine = services.filter((s) => s.id.startsWith(`${subsystem}/`) && (client === null || s.acl.includes(client)));
  return { service: mine.map(describe) };
}

/** getOpenAPI: the description of an OPENAPI service, fetched from its provider; null when there is none. */
export async function getOpenApi(services: ProvidedService[], subsystem: string, serviceCode: string): Promise<{ type: string; body: Buffer } | null> {
  const service = services.find((s) => s.id === `${subsystem}/${serviceCode}`);
  if (!service || service.type !== 'OPENAPI' || !service.openapiUrl) return null;
  const answer = await send(service.openapiUrl, { method: 'GET', headers: { accept: 'application/json' }, timeoutMs: service.timeoutMs, tls: service.tls });
  if (answer.status !== 200) return null;
  return { type: String(answer.headers['content-type'] ?? 'application/json'), body: answer.body };
}
