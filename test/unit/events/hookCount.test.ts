import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HOOK_COUNT_TTL_MS, HookCounts } from '../../../shared/events/HookCounts';

describe('the per-topic hook count cache', () => {
  test('a count is asked once per topic within the TTL and again after it', async () => {
    const asked: string[] = [];
    const counts = new HookCounts((topic) => {
      asked.push(topic);
      return Promise.resolve(asked.length);
    });
    const t0 = 1_000_000;
    assert.equal(await counts.get('a', t0), 1);
    assert.equal(await counts.get('a', t0 + HOOK_COUNT_TTL_MS - 1), 1);
    assert.equal(await counts.get('b', t0), 2);
    assert.equal(await counts.get('a', t0 + HOOK_COUNT_TTL_MS), 3);
    assert.deepEqual(asked, ['a', 'b', 'a']);
  });

  test('forgetting a topic makes the next call ask again', async () => {
    let count = 0;
    const counts = new HookCounts(() => Promise.resolve(++count));
    assert.equal(await counts.get('a', 0), 1);
    counts.forget('a');
    assert.equal(await counts.get('a', 0), 2);
  });

  test('a failed lookup is not cached', async () => {
    let calls = 0;
    const counts = new HookCounts(() => (++calls === 1 ? Promise.reject(new Error('storage down')) : Promise.resolve(4)));
    await assert.rejects(counts.get('a', 0), /storage down/);
    assert.equal(await counts.get('a', 0), 4);
  });
});
