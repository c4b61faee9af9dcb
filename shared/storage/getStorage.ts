import { getConfig } from '../config';
import { createStorageClients, type StorageClients } from './StorageClients';
import { ensureStorage } from './ensureStorage';

let clients: StorageClients | undefined;
let ready: Promise<StorageClients> | undefined;

/** The app's storage clients, built once from config. Creates nothing. */
export function getStorageClients(): StorageClients {
  clients ??= createStorageClients(getConfig().storage);
  return clients;
}

/**
 * The app's storage clients once every table, queue and container exists. The creation runs once
 * per process (at its first use); a failure is not cached, so the next call tries again.
 */
export function getStorage(): Promise<StorageClients> {
  ready ??= ensureStorage(getStorageClients()).then(
    () => getStorageClients(),
    (error: unknown) => {
      ready = undefined;
      throw error;
    },
  );
  return ready;
}

/** Forgets the clients (tests switch accounts between cases). */
export function resetStorage(): void {
  clients = undefined;
  ready = undefined;
}
