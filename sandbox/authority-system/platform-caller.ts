import { randomUUID } from 'node:crypto';
import { inboundPath, type InboundType } from '../../infra/xroad/lupa-interface';
import { restPath } from '../../infra/xroad/ids';

/** How the authority system reaches the platform: through its own security server, as its own client. */
export interface PlatformCallerOptions {
  securityServerUrl: string;
  /** The authority system's client subsystem. */
  clientId: string;
  /** The platform's provider service id. */
  platformService: string;
}

/** The answer of one call, as the authority system got it. */
export interface CallResult { messageId: string; status: number; xroadError: string | null; body: unknown }

/** Sends one message to the platform over X-Road (REST r1); `messageId` is the X-Road-Id (new when not given). */
export async function callPlatform(opts: PlatformCallerOptions, applicationId: string, type: InboundType, body: unknown, messageId: string = randomUUID()): Promise<CallResult> {
  const res = await fetch(`${opts.securityServerUrl}${restPath(opts.platformService, inboundPath(applicationId, type))}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-road-client': opts.clientId, 'x-road-id': messageId, 'x-road-issue': applicationId },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON: keep the text */ }
  return { messageId, status: res.status, xroadError: res.headers.get('x-road-error'), body: parsed };
}
