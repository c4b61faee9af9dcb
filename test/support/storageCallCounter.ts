import type { Azurite } from './azurite';
import { startStorageProxy, type StorageService } from './storageProxy';

/** One storage call seen on the wire: service, method and path (no query). */
export interface StorageCall {
  readonly service: StorageService;
  readonly method: string;
  readonly path: string;
}

/** Proxies in front of Azurite's three services that record every storage call the app makes. */
export interface StorageCallCounter {
  readonly connectionString: string;
  readonly calls: StorageCall[];
  reset(): void;
  stop(): Promise<void>;
}

/** Starts the three counting proxies in front of an Azurite. */
export async function startStorageCallCounter(azurite: Azurite): Promise<StorageCallCounter> {
  const calls: StorageCall[] = [];
  const proxy = await startStorageProxy(azurite, ({ service, method, url }) => calls.push({ service, method, path: url.split('?')[0] ?? '' }));
  return {
    connectionString: proxy.connectionString,
    calls,
    reset() {
      calls.length = 0;
    },
    stop: () => proxy.stop(),
  };
}
