import { getConfig } from '../config';
import { getStorage } from './getStorage';
import { SecretSealer, loadSealingKey } from './SecretSealer';
import type { StorageClients } from './StorageClients';

const built = new WeakMap<StorageClients, Promise<SecretSealer>>();

/** The app's sealer for secrets at rest, its key loaded (or created) once per process. */
export async function getSealer(): Promise<SecretSealer> {
  const clients = await getStorage();
  let sealer = built.get(clients);
  if (!sealer) {
    sealer = loadSealingKey(getConfig().LONGRUN_SECRET_KEY, clients.payloads()).then((key) => new SecretSealer(key));
    built.set(clients, sealer);
    sealer.catch(() => built.delete(clients));
  }
  return sealer;
}
