import type { StorageClients } from './StorageClients';
import { QUEUES, TABLES } from './names';

/**
 * What /health reports of storage: the tables that exist and the depth of each work queue (the
 * `-poison` queues are drained at once by their handlers, so their depth says nothing). No settings, no secrets.
 */
export interface StorageHealth {
  readonly tables: Readonly<Record<string, 'ok' | 'missing'>>;
  readonly queues: Readonly<Record<string, { readonly approximateMessages: number }>>;
}

/**
 * Asks storage for its tables and queue depths; throws when storage does not answer in time.
 * `storage` is the app's clients once their tables and queues exist (that wait counts in the time).
 */
export async function checkStorageHealth(storage: () => Promise<StorageClients>, timeoutMs = 5000): Promise<StorageHealth> {
  const abortSignal = AbortSignal.timeout(timeoutMs);
  const clients = await Promise.race([storage(), rejectOnAbort(abortSignal)]);
  const existing = new Set<string>();
  for await (const table of clients.tableService.listTables({ abortSignal })) {
    if (table.name) existing.add(table.name);
  }
  const queues = await Promise.all(
    Object.values(QUEUES).map(async (name) => {
      const properties = await clients.queue(name).getProperties({ abortSignal });
      return [name, { approximateMessages: properties.approximateMessagesCount ?? 0 }] as const;
    }),
  );
  return {
    tables: Object.fromEntries(Object.values(TABLES).map((t) => [t, existing.has(t) ? 'ok' : 'missing'])),
    queues: Object.fromEntries(queues),
  };
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(new Error('storage did not answer in time')), { once: true });
  });
}
