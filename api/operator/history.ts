import type { Client } from '@temporalio/client';
import { historyToJSON, JSONToPayload, type JSONPayload } from '@temporalio/common/lib/proto-utils';

/**
 * A case's full workflow history as JSON (the shape `temporal workflow show --output json` prints),
 * with every payload decrypted by the client's codec and converted to its value, so that operators
 * can read what happened. Only the operator API serves it; it is usage-logged.
 */
export async function decodedHistory(client: Client, workflowId: string): Promise<unknown> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const json: unknown = JSON.parse(historyToJSON(history));
  return decodeTree(client, json);
}

async function decodeTree(client: Client, node: unknown): Promise<unknown> {
  if (Array.isArray(node)) return Promise.all(node.map((item) => decodeTree(client, item)));
  if (typeof node !== 'object' || node === null) return node;
  if (isPayload(node)) return decodePayload(client, node);
  const entries = await Promise.all(Object.entries(node).map(async ([k, v]) => [k, await decodeTree(client, v)] as const));
  return Object.fromEntries(entries);
}

function isPayload(node: object): node is JSONPayload {
  const metadata = (node as JSONPayload).metadata;
  return typeof metadata === 'object' && metadata !== null && typeof metadata.encoding === 'string'
    && Object.keys(node).every((k) => k === 'metadata' || k === 'data' || k === 'externalPayloads');
}

async function decodePayload(client: Client, json: JSONPayload): Promise<unknown> {
  const { payloadCodecs, payloadConverter } = client.options.loadedDataConverter;
  try {
    let payloads = [JSONToPayload(json)];
    // Codecs encode in order, so they decode in reverse.
    for (const codec of [...payloadCodecs].reverse()) payloads = await codec.decode(payloads);
    return payloadConverter.fromPayload(payloads[0]);
  } catch {
    return { undecodable: true, encoding: Buffer.from(json.metadata?.encoding ?? '', 'base64').toString() };
  }
}
