import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AmountIndex } from '../../../../../shared/jobs/kinds/reconcile/AmountIndex';

describe('AmountIndex', () => {
  test('totals records by key and remembers where each key first appears', () => {
    const index = new AmountIndex([{ key: 'b', amount: 1 }, { key: 'a', amount: 2 }, { key: 'b', amount: 3 }]);
    const b = index.slotOf('b') ?? -1;
    const a = index.slotOf('a') ?? -1;
    assert.deepEqual([index.totalOf(b), index.firstIndexOf(b)], [4, 0]);
    assert.deepEqual([index.totalOf(a), index.firstIndexOf(a)], [2, 1]);
    assert.equal(index.slotOf('c'), undefined);
  });

  test('keeps a single amount exactly, even past 15 significant digits', () => {
    const index = new AmountIndex([{ key: 'k', amount: 0.30000000000000004 }]);
    assert.equal(index.totalOf(index.slotOf('k') ?? -1), 0.30000000000000004);
  });

  test('sums many decimal parts to the decimal total', () => {
    const records = Array.from({ length: 10_000 }, () => ({ key: 'k', amount: 0.1 }));
    records.push({ key: 'k', amount: 1e9 }, { key: 'k', amount: -1e9 });
    const index = new AmountIndex(records);
    assert.equal(index.totalOf(index.slotOf('k') ?? -1), 1_000);
  });
});
