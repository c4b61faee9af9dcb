import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HOOK_COUNT_TTL_MS, countHooks, forgetHookCount, getHookCount, setHookCountSource } from '../../../shared/events/hookCount';

describe('the per-topic hook count cache', () => {
  afterEach(() => setHookCountSource(countHooks));

  test('a count is asked once per topic within the TTL and again after it', async () => {
    const asked: string[] = [];
    setHookCountSource((topic) => {
      asked.push(topic);
      return Promise.resolve(asked.length);
    });
    const t0 = 1_000_000;
    assert.equal(await getHookCount('a', t0), 1);
    assert.equal(await getHookCount('a', t0 + HOOK_COUNT_TTL_MS - 1), 1);
    assert.equal(await getHookCount('b', t0), 2);
    assert.equal(await getHookCount('a', t0 + HOOK_COUNT_TTL_MS), 3);
    assert.deepEqual(asked, ['a', 'b', 'a']);
  });

  test('forgetHookCount makes the next call ask again', async () => {
    let count = 0;
    setHookCountSource(() => Promise.resolve(++count));
    assert.equal(await getHookCount('a', 0), 1);
    forgetHookCount('a');
    assert.equal(await getHookCount('a', 0), 2);
  });

  test('a failed lookup is not cached', async () => {
    let calls = 0;
    setHookCountSource(() => (++calls === 1 ? Promise.reject(new Error('storage down')) : Promise.resolve(4)));
    await assert.rejects(getHookCount('a', 0), /storage down/);
    assert.equal(await getHookCount('a', 0), 4);
  });
});
