import type { StorageClients } from './StorageClients';
import { ALL_QUEUES, TABLES } from './names';

function statusOf(error: unknown): number | undefined {
  // NOTE: data-tables errors carry the HTTP status in `statusCode`, not `code`.
  return typeof error === 'object' && error !== null && 'statusCode' in error ? Number(error.statusCode) : undefined;
}

/** Creates every table, queue (with its -poison twin) and the payloads container; idempotent. */
export async function ensureStorage(clients: StorageClients): Promise<void> {
  await Promise.all([
    ...Object.values(TABLES).map(async (name) => {
      try {
        await clients.tableService.createTable(name);
      } catch (error) {
        if (statusOf(error) !== 409) throw error;
      }
    }),
    ...ALL_QUEUES.map((name) => clients.queue(name).createIfNotExists()),
    clients.payloads().createIfNotExists(),
  ]);
}
