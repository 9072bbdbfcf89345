/**
 * The X-Road REST error format (specs/xroad.md A3): `{type, message, detail}` as JSON, or
 * `<error><type/><message/><detail/></error>` when the caller accepts XML. Type codes changed casing
 * in X-Road 7.8.0 (`Server.ServerProxy.NetworkError` → `server.serverproxy.network_error`), so they
 * are compared case-insensitively, by prefix, with the separators ignored. A pure codec shared by the
 * platform and the sandbox.
 */
import { randomUUID } from 'node:crypto';

export interface XroadErrorBody { type: string; message: string; detail: string }

/** The status an SS answers an error with: `server.*` ⇒ 500, anything else 400 (ClientRestMessageHandler). */
export function statusOfType(type: string): number {
  return /^server\./i.test(type) ? 500 : 400;
}

/** True when the caller asked for XML (`text/xml`, `application/xml` or any `text/*`). */
function wantsXml(accept: string | undefined): boolean {
  return /(?:^|,)\s*(?:text\/[^,;\s]+|application\/xml)/i.test(accept ?? '');
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);

/** The body and content type of an error answer, in the format the `Accept` header asks for. */
export function encodeError(type: string, message: string, accept?: string, detail: string = randomUUID()): { contentType: string; body: string } {
  if (wantsXml(accept)) {
    return {
      contentType: 'text/xml; charset=utf-8',
      body: `<?xml version="1.0" encoding="UTF-8"?><error><type>${escapeXml(type)}</type><message>${escapeXml(message)}</message><detail>${escapeXml(detail)}</detail></error>`,
    };
  }
  return { contentType: 'application/json; charset=utf-8', body: JSON.stringify({ type, message, detail }) };
}

const unescapeXml = (s: string) => s.replace(/&(lt|gt|amp|apos|quot);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' })[e] as string);

/** Reads an error body, JSON or XML; null when it is neither. */
export function decodeError(body: string): XroadErrorBody | null {
  const text = body.trim();
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as Partial<XroadErrorBody>;
      if (typeof parsed.type === 'string') return { type: parsed.type, message: String(parsed.message ?? ''), detail: String(parsed.detail ?? '') };
    } catch {
      return null;
    }
    return null;
  }
  const field = (name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(text)?.[1];
  const type = field('type');
  return type === undefined ? null : { type: unescapeXml(type), message: unescapeXml(field('message') ?? ''), detail: unescapeXml(field('detail') ?? '') };
}

/** A type code reduced to compare both spellings: lower case, no `_` (`Server.ServerProxy.NetworkError` ≡ `server.serverproxy.network_error`). */
function normaliseType(type: string): string {
  return type.toLowerCase().replace(/_/g, '');
}

/** True when `type` starts with `prefix`, in either spelling (e.g. `client.access_denied` matches `Client.AccessDenied`). */
export function typeStartsWith(type: string, prefix: string): boolean {
  return normaliseType(type).startsWith(normaliseType(prefix));
}

/** Type codes in the 7.8.0 spelling; `legacyType` gives the 7.6.x one. */
export const XROAD_ERROR = {
  BAD_REQUEST: 'client.bad_request',
  ACCESS_DENIED: 'client.access_denied',
  UNKNOWN_SERVICE: 'client.unknown_service',
  UNKNOWN_MEMBER: 'client.unknown_member',
  SERVICE_FAILED: 'server.serverproxy.service_failed',
  NETWORK_ERROR: 'server.serverproxy.network_error',
  CLIENT_PROXY_NETWORK_ERROR: 'server.clientproxy.network_error',
} as const;

/** The X-Road 7.6.x spelling of a 7.8.0 type code: `client.access_denied` → `Client.AccessDenied`. */
export function legacyType(type: string): string {
  const camel = (s: string) => s.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  const [head, ...rest] = type.split('.');
  const proxy = { serverproxy: 'ServerProxy', clientproxy: 'ClientProxy' } as Record<string, string>;
  return [camel(head), ...rest.map((p) => proxy[p] ?? camel(p))].join('.');
}
