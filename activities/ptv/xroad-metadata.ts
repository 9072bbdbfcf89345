/** The outcome of asking an authority's X-Road service for its methods. */
export type XroadMetadataAnswer =
  | { ok: true }
  | { ok: false; finding: string; whatToDo: string };

export interface XroadMetadataSettings {
  /** The platform's own security server (XROAD_SECURITY_SERVER_URL). */
  securityServerUrl: string;
  /** The platform's subsystem, INSTANCE/CLASS/CODE/SUBSYSTEM (XROAD_CLIENT_ID). */
  clientId: string;
}

/**
 * Calls `GET /r1/{provider subsystem}/listMethods` through the platform's security server
 * (specs/xroad.md, PR-MREST) and looks for the service code of `service`
 * (INSTANCE/CLASS/CODE/SUBSYSTEM/SERVICECODE).
 */
export async function checkXroadMetadata(settings: XroadMetadataSettings, service: string): Promise<XroadMetadataAnswer> {
  const parts = service.split('/');
  const subsystem = parts.slice(0, 4).join('/');
  const code = parts[4];
  let res: Response;
  try {
    res = await fetch(`${settings.securityServerUrl.replace(/\/$/, '')}/r1/${subsystem}/listMethods`, {
      headers: { 'X-Road-Client': settings.clientId, accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    return {
      ok: false,
      finding: `The platform's X-Road security server did not answer the metadata call for ${subsystem}.`,
      whatToDo: 'Ask the platform operator to check the connection to the X-Road security server.',
    };
  }
  if (!res.ok) {
    return {
      ok: false,
      finding: `The metadata call for ${subsystem} was answered with HTTP ${res.status}.`,
      whatToDo: `Check that your security server publishes the subsystem ${subsystem} and lets ${settings.clientId} call it.`,
    };
  }
  const body = await res.json().catch(() => null) as { service?: { service_code?: string }[] } | null;
  if (!body?.service?.some((s) => s.service_code === code)) {
    return {
      ok: false,
      finding: `The subsystem ${subsystem} does not list the service ${code}.`,
      whatToDo: `Add the REST service ${code} to ${subsystem} in your security server and grant ${settings.clientId} access to it.`,
    };
  }
  return { ok: true };
}
