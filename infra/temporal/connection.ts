import { readFileSync } from 'node:fs';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { NativeConnection } from '@temporalio/worker';
import type { CoreConfig } from '../config/core';
import { clientTracingInterceptors } from '../telemetry/temporal-client';
import { AesGcmPayloadCodec } from './codec';

/** The parts of the core configuration a Temporal connection needs. */
export type TemporalConfig = Pick<
  CoreConfig,
  | 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'TEMPORAL_API_KEY' | 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY'
  | 'TEMPORAL_TLS_CA' | 'TEMPORAL_TLS_SERVER_NAME' | 'PAYLOAD_CODEC_KEYS'
>;

/** Path of the module exporting the shared failure converter (the worker bundles it into workflow code). */
export const failureConverterPath = require.resolve('./failure-converter');

/** The one data converter of clients and workers: encrypted payloads and encrypted failure messages. */
export function createDataConverter(config: Pick<TemporalConfig, 'PAYLOAD_CODEC_KEYS'>): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(config.PAYLOAD_CODEC_KEYS)], failureConverterPath };
}

/** TLS settings from TEMPORAL_TLS_* (PEM file paths); plain TLS when only an API key is given. */
function tlsOptions(config: TemporalConfig): TLSConfig | boolean | undefined {
  const { TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_CA: ca, TEMPORAL_TLS_SERVER_NAME: serverName } = config;
  if (Boolean(cert) !== Boolean(key)) throw new Error('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together.');
  if (!cert && !ca && !serverName) return config.TEMPORAL_API_KEY ? true : undefined;
  return {
    clientCertPair: cert && key ? { crt: readFileSync(cert), key: readFileSync(key) } : undefined,
    serverRootCACertificate: ca ? readFileSync(ca) : undefined,
    serverNameOverride: serverName,
  };
}

function connectOptions(config: TemporalConfig) {
  return { address: config.TEMPORAL_ADDRESS, tls: tlsOptions(config), apiKey: config.TEMPORAL_API_KEY };
}

/** A Temporal client for the configured namespace, with the encrypting data converter (and, with tracing on, spans). */
export async function connectClient(config: TemporalConfig): Promise<Client> {
  const connection = await Connection.connect(connectOptions(config));
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: createDataConverter(config), interceptors: clientTracingInterceptors() });
}

/** The native connection a worker polls on (the worker adds the data converter itself). */
export async function connectWorker(config: TemporalConfig): Promise<NativeConnection> {
  return NativeConnection.connect(connectOptions(config));
}
