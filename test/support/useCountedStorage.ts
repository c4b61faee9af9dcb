import { after, before, beforeEach } from 'node:test';
import { getLongrun } from '../../shared/app/getLongrun';
import { startAzurite, type Azurite } from './azurite';
import { startStorageCallCounter, type StorageCall, type StorageCallCounter } from './storageCallCounter';
import { useAppEnv } from './appEnv';

/** The storage of an in-process integration suite: Azurite behind a counting proxy. */
export interface CountedStorage {
  readonly azurite: Azurite;
  readonly counter: StorageCallCounter;
  /** The calls since the last reset that change something (anything but GET and HEAD). */
  writes(): StorageCall[];
}

/**
 * Registers the suite's hooks: before all, a fresh Azurite behind a counting proxy, the in-process
 * app pointed at it with `env` and warmed up (storage created, sealing key made, as an instance's
 * first request does); before each test, the count reset; after all, `env` cleared and all stopped.
 */
export function useCountedStorage(env: Record<string, string | undefined> = {}): CountedStorage {
  const state: { azurite?: Azurite; counter?: StorageCallCounter } = {};
  before(async () => {
    state.azurite = await startAzurite();
    state.counter = await startStorageCallCounter(state.azurite);
    useAppEnv({ LONGRUN_PUBLIC_BASE_URL: undefined, ...env, AzureWebJobsStorage: state.counter.connectionString });
    await getLongrun();
  });
  beforeEach(() => state.counter?.reset());
  after(async () => {
    useAppEnv(Object.fromEntries(Object.keys(env).map((k) => [k, undefined])));
    await state.counter?.stop();
    await state.azurite?.stop();
  });
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useCountedStorage: used outside the suite’s tests');
    return value;
  };
  return {
    get azurite() {
      return need(state.azurite);
    },
    get counter() {
      return need(state.counter);
    },
    writes: () => need(state.counter).calls.filter((c) => c.method !== 'GET' && c.method !== 'HEAD'),
  };
}
