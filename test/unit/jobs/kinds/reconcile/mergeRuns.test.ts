import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeRuns } from '../../../../../shared/jobs/kinds/reconcile/mergeRuns';

async function* run(...keys: string[]) {
  for (const key of keys) yield await Promise.resolve({ key });
}

async function keysOf(runs: AsyncIterable<{ key: string }>[]): Promise<string[]> {
  const keys: string[] = [];
  for await (const { key } of mergeRuns(runs)) keys.push(key);
  return keys;
}

describe('mergeRuns: sorted runs merged into one sorted sequence', () => {
  test('orders by UTF-16 code unit across runs of any length, empty ones included', async () => {
    assert.deepEqual(await keysOf([run('B', 'a10', 'é'), run(), run('Z', 'a9'), run('b')]), ['B', 'Z', 'a10', 'a9', 'b', 'é']);
    assert.deepEqual(await keysOf([]), []);
  });

  test('a consumer that stops early closes every run', async () => {
    const closed: string[] = [];
    const tracked = (name: string, ...keys: string[]) =>
      (async function* () {
        try {
          yield* run(...keys);
        } finally {
          closed.push(name);
        }
      })();
    for await (const entry of mergeRuns([tracked('one', 'a', 'c'), tracked('two', 'b', 'd')])) if (entry.key === 'b') break;
    assert.deepEqual(closed.sort(), ['one', 'two']);
  });
});
