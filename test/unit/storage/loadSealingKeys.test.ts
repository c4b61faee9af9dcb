import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerClient } from '@azure/storage-blob';
import { loadSealingKeys } from '../../../shared/storage/loadSealingKeys';
import { toSealingKey } from '../../../shared/storage/toSealingKey';

/** A container that fails the test if the loader touches it at all. */
const untouchable = new Proxy({} as ContainerClient, {
  get: (_target, property) => assert.fail(`the key blob was touched (${String(property)})`),
});

describe('loadSealingKeys: the key ring, newest first', () => {
  test('LONGRUN_SECRET_KEYS in its order, then LONGRUN_SECRET_KEY as the oldest; storage is not asked', async () => {
    const newest = Buffer.alloc(32, 1).toString('base64');
    const middle = 'a secret string of at least thirty-two characters';
    const oldest = Buffer.alloc(32, 3).toString('base64');
    const keys = await loadSealingKeys({ LONGRUN_SECRET_KEYS: [newest, middle], LONGRUN_SECRET_KEY: oldest }, untouchable);
    assert.deepEqual(keys, [Buffer.alloc(32, 1), toSealingKey(middle), Buffer.alloc(32, 3)]);
  });

  test('LONGRUN_SECRET_KEY alone keeps working as the only key', async () => {
    assert.deepEqual(await loadSealingKeys({ LONGRUN_SECRET_KEY: Buffer.alloc(32, 5).toString('base64') }, untouchable), [Buffer.alloc(32, 5)]);
  });
});
