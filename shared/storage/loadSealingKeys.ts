import { randomBytes } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import type { Config } from '../config';
import { toStorageStatus } from './storageErrors';
import { SEALING_KEY_BYTES, toSealingKey } from './toSealingKey';

/** Where a local run keeps its generated key, in the payloads container. */
export const LOCAL_KEY_BLOB = 'keys/secret-sealing.key';

/**
 * The sealing keys, newest first: LONGRUN_SECRET_KEYS, then LONGRUN_SECRET_KEY (the single key of
 * earlier versions) as the oldest. Without either, a random key kept in the payloads container,
 * created once by the first instance (If-None-Match: *, so two instances racing agree on the
 * winner's key); the config refuses that in Azure, where the key must not live beside what it seals.
 */
export async function loadSealingKeys(
  settings: Pick<Config, 'LONGRUN_SECRET_KEYS' | 'LONGRUN_SECRET_KEY'>,
  container: ContainerClient,
): Promise<Buffer[]> {
  const entries = [...(settings.LONGRUN_SECRET_KEYS ?? []), ...(settings.LONGRUN_SECRET_KEY ? [settings.LONGRUN_SECRET_KEY] : [])];
  const blob = container.getBlockBlobClient(LOCAL_KEY_BLOB);
  if (entries.length > 0) return [...entries.map(toSealingKey), ...(await readEarlierKey(blob))];
  try {
    await blob.uploadData(randomBytes(SEALING_KEY_BYTES), { conditions: { ifNoneMatch: '*' } });
  } catch (error) {
    const status = toStorageStatus(error);
    if (status !== 409 && status !== 412) throw error;
  }
  return [await blob.downloadToBuffer()];
}

/**
 * The key an earlier version generated in the payloads container, if there is one: read, never
 * created, and kept as the oldest key so that what it sealed (callback URLs of running webhook
 * jobs, hook URLs and secrets) still opens after configured keys take over. New values are sealed
 * with the newest configured key; once the blob's key seals nothing any more, delete the blob.
 */
async function readEarlierKey(blob: ReturnType<ContainerClient['getBlockBlobClient']>): Promise<Buffer[]> {
  try {
    const key = await blob.downloadToBuffer();
    return key.length === SEALING_KEY_BYTES ? [key] : [];
  } catch (error) {
    if (toStorageStatus(error) === 404) return [];
    throw error;
  }
}
