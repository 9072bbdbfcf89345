import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { JSONToPayload, payloadToJSON } from '@temporalio/common/lib/proto-utils';
import express from 'express';
import { z } from 'zod';
import type { CoreConfig } from '../../infra/config/core';
import { AppError } from '../../infra/errors';
import { PayloadDecryptionError } from '../../infra/temporal/codec';
import { ErrorCode } from '../../workflows/error-codes';
import { RouteTable } from '../openapi/route';
import type { UsageLog } from '../usage-log';
import { loadCodecConfig } from './config';
import { codecCors } from './cors';

/** Temporal's remote codec protocol: payloads in proto3 JSON (metadata values and data base64). */
const Payloads = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), z.base64()).optional(), data: z.base64().optional() })).max(1_000),
}).openapi('CodecPayloads');

const NamespaceHeader = z.object({ 'x-namespace': z.string().max(200).optional() });

export interface CodecDeps {
  temporal: Client;
  usageLog: UsageLog;
  config: Pick<CoreConfig, 'PUBLIC_BASE_URL' | 'TEMPORAL_NAMESPACE'>;
}

const PURPOSE = 'operations: Temporal Web UI';

/**
 * The codec's own JSON body parser (api/app.ts mounts it before the API's 256 kB one): the Web UI sends
 * whole payloads, which Temporal keeps up to 2 MB each, base64-encoded in the JSON.
 */
export const codecBody = express.json({ limit: '8mb' });

/**
 * The codec endpoint of the Temporal Web UI (`--ui-codec-endpoint …/codec`): operators only, from
 * the UI's origin with their session cookie; every call usage-logged. It uses the platform's own
 * payload codec, so what the UI shows is what the workers read. No CSRF token (the UI cannot send
 * one): decoding changes nothing, and the CORS policy names the one origin that may read answers.
 */
export function codecRoutes(deps: CodecDeps, env: NodeJS.ProcessEnv = process.env): RouteTable {
  const table = new RouteTable();
  table.router.use('/codec', codecCors(loadCodecConfig(env).uiOrigin, new URL(deps.config.PUBLIC_BASE_URL).origin));
  const codecs = deps.temporal.options.loadedDataConverter.payloadCodecs;
  const route = (name: 'decode' | 'encode', summary: string) => table.add({
    method: 'post', path: `/codec/${name}`, tag: 'Operator', access: 'operator', csrf: false, body: Payloads, headers: NamespaceHeader,
    summary, response: { status: 200, description: 'The payloads, in order.', schema: Payloads },
  }, async ({ req, body, headers }) => {
    const namespace = headers['x-namespace'] ?? deps.config.TEMPORAL_NAMESPACE;
    if (namespace !== deps.config.TEMPORAL_NAMESPACE) {
      throw new AppError(ErrorCode.NOT_FOUND, 'This codec serves only the platform\'s own namespace.', { fields: [{ path: 'headers.x-namespace', message: 'Unknown namespace.' }] });
    }
    let payloads: Payload[] = body.payloads.map((p) => JSONToPayload(p));
    try {
      // Codecs encode in order and decode in reverse.
      for (const codec of name === 'decode' ? [...codecs].reverse() : codecs) payloads = await codec[name](payloads);
    } catch (err) {
      if (!(err instanceof PayloadDecryptionError)) throw err;
      throw new AppError(ErrorCode.VALIDATION_FAILED, err.message, { fields: [{ path: 'payloads', message: 'Cannot be decrypted.' }] });
    }
    await deps.usageLog.record(req, name === 'decode' ? 'operator.codec_decode' : 'operator.codec_encode', [], PURPOSE);
    return { payloads: payloads.map((p) => payloadToJSON(p)) };
  });
  route('decode', 'Decrypts Temporal payloads for the Temporal Web UI (operators only; usage-logged). Payloads never encrypted pass unchanged.');
  route('encode', 'Encrypts Temporal payloads for the Temporal Web UI, e.g. to send a signal from it (operators only; usage-logged).');
  return table;
}
