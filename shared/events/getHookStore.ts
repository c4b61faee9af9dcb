import { getStorage } from '../storage/getStorage';
import { getSealer } from '../storage/getSealer';
import { HookStore } from '../storage/HookStore';
import { TABLES } from '../storage/names';

let store: { readonly clients: object; readonly store: Promise<HookStore> } | undefined;

/** The app's hook store, once storage exists and the sealing key is loaded. */
export async function getHookStore(): Promise<HookStore> {
  const clients = await getStorage();
  if (store?.clients !== clients) {
    store = { clients, store: getSealer().then((sealer) => new HookStore(clients.table(TABLES.hooks), sealer)) };
  }
  return store.store;
}
