import { Client, Connection } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

/** The histories of the given workflows, read over a connection of their own. */
export async function fetchHistories(address: string, namespace: string, ids: string[]): Promise<temporal.api.history.v1.IHistory[]> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace });
    return await Promise.all(ids.map((id) => client.workflow.getHandle(id).fetchHistory()));
  } finally {
    await connection.close();
  }
}
