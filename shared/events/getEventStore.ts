import { getStorage } from '../storage/getStorage';
import { EventStore } from '../storage/EventStore';
import { TABLES } from '../storage/names';
import type { StorageClients } from '../storage/StorageClients';

const built = new WeakMap<StorageClients, EventStore>();

/** The app's event feed, once storage exists. */
export async function getEventStore(): Promise<EventStore> {
  const clients = await getStorage();
  let store = built.get(clients);
  if (!store) {
    store = new EventStore(clients.table(TABLES.events));
    built.set(clients, store);
  }
  return store;
}
