import type { ClientTls } from './forward';

/**
 * The sandbox's global configuration: which members and subsystems exist, which security server
 * each subsystem is registered at, and what each security server provides. Real X-Road distributes
 * this from the central server; here it is one object both sandbox security servers read.
 */

/** A service a security server provides: the information system behind it and who may call it. */
export interface ProvidedService {
  /** Full service id `INSTANCE/CLASS/CODE/SUBSYSTEM/SERVICECODE`. */
  id: string;
  /** The provider information system's base URL; the provider sees `{baseUrl}{path}?{query}`. */
  baseUrl: string;
  /** Client subsystems allowed to call it (ACL, service level). */
  acl: string[];
  type: 'REST' | 'OPENAPI';
  /** Endpoints listed by listMethods/allowedMethods (`*` allowed in paths). */
  endpoints: { method: string; path: string }[];
  /** OPENAPI services: where the description is fetched from, for getOpenAPI. */
  openapiUrl?: string;
  /** Milliseconds the provider may take (UG-SS §6.6: 60 s for new services). */
  timeoutMs: number;
  /** The certificate the provider's security server presents to an HTTPS provider (mTLS, UG-SS §9.2). */
  tls?: ClientTls;
}

export interface MemberEntry { id: string; name: string }

export interface GlobalConf {
  instance: string;
  /** Members and subsystems (listClients). */
  members: MemberEntry[];
  /** Subsystem id → base URL of the security server it is registered at (filled in once they listen). */
  serverOf: Map<string, string>;
  /** Every provided service, at whichever security server its subsystem is registered. */
  services: ProvidedService[];
}
