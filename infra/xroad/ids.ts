/**
 * X-Road identifiers (specs/xroad.md A1) and the REST r1 service path (A2). A pure codec, shared by
 * the platform's client and provider and by the sandbox security servers.
 */

/** Characters allowed in every identifier part (PR-REST §4.8). */
const PART = /^[A-Za-z0-9'()+,\-.=?]+$/;

/** A client (member or subsystem) id: `INSTANCE/CLASS/CODE[/SUBSYSTEM]`. */
export interface ClientId { instance: string; memberClass: string; memberCode: string; subsystem?: string }

function parts(text: string, min: number, max: number): string[] | null {
  const p = text.split('/');
  return p.length >= min && p.length <= max && p.every((x) => PART.test(x)) ? p : null;
}

/** Parses `INSTANCE/CLASS/CODE[/SUBSYSTEM]`; null when it is not one. */
export function parseClientId(text: string): ClientId | null {
  const p = parts(text.trim(), 3, 4);
  return p ? { instance: p[0], memberClass: p[1], memberCode: p[2], ...(p[3] ? { subsystem: p[3] } : {}) } : null;
}

/** The subsystem part of a service id, `INSTANCE/CLASS/CODE/SUBSYSTEM`. */
export function providerOf(service: string): string {
  return service.split('/').slice(0, 4).join('/');
}

/** `/r1/{service id}{path}`, each id part percent-encoded separately, `/` separators left as they are (A2). */
export function restPath(service: string, path = ''): string {
  return `/r1/${service.split('/').map(encodeURIComponent).join('/')}${path}`;
}
