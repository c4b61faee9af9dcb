import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { keyBucket, keyHash } from '../../../../../shared/jobs/kinds/reconcile/keyBucket';

describe('keyBucket', () => {
  test('hashes with FNV-1a over UTF-16 code units, so a checkpoint names the same buckets on every version and machine', () => {
    // Published FNV-1a 32-bit values: "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
    assert.deepEqual(['', 'a', 'foobar'].map(keyHash), [0x811c9dc5, 0xe40c292c, 0xbf9cf968]);
    assert.equal(keyBucket(keyHash('a'), 7), 0xe40c292c % 7);
  });

  test('spreads sequential keys evenly: no bucket of 8 gets more than 14 % of 100,000 keys', () => {
    const sizes = new Array<number>(8).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const bucket = keyBucket(keyHash(i.toString(36)), 8);
      sizes[bucket] = (sizes[bucket] ?? 0) + 1;
    }
    assert.ok(Math.max(...sizes) < 14_000, sizes.join());
    assert.ok(Math.min(...sizes) > 11_000, sizes.join());
  });
});
