import { hkdfSync } from 'node:crypto';
import { getConfig } from '../config';
import { loadSealingKey } from '../storage/SecretSealer';
import { getStorage } from '../storage/getStorage';
import type { StorageClients } from '../storage/StorageClients';

/**
 * HKDF `info` of the triggerState MAC key: a label of its own, so the key is independent of the
 * sealing key it comes from and of any other key derived from it with another label.
 */
export const TRIGGER_STATE_LABEL = 'longrun/polling-trigger-state/hmac-sha256/v1';

/** The MAC key of triggerStates: HKDF-SHA256 of the sealing key, 32 bytes, no salt. */
export function deriveTriggerStateKey(sealingKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', sealingKey, Buffer.alloc(0), TRIGGER_STATE_LABEL, 32));
}

const loaded = new WeakMap<StorageClients, Promise<Buffer>>();

/**
 * The app's triggerState MAC key, derived from the sealing key (LONGRUN_SECRET_KEY or the key blob
 * the app keeps) once per process: no secret setting of its own.
 */
export async function getTriggerStateKey(): Promise<Buffer> {
  const clients = await getStorage();
  let key = loaded.get(clients);
  if (!key) {
    key = loadSealingKey(getConfig().LONGRUN_SECRET_KEY, clients.payloads()).then(deriveTriggerStateKey);
    loaded.set(clients, key);
    key.catch(() => loaded.delete(clients));
  }
  return key;
}
