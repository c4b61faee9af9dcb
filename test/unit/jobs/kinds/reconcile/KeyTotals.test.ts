import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyTotals } from '../../../../../shared/jobs/kinds/reconcile/KeyTotals';

function totalsOf(records: { key: string; amount: number }[]): KeyTotals {
  const totals = new KeyTotals();
  for (const { key, amount } of records) totals.add(key, amount);
  return totals;
}

describe('KeyTotals', () => {
  test('totals records by key and lists keys in order of first appearance', () => {
    const totals = totalsOf([{ key: 'b', amount: 1 }, { key: 'a', amount: 2 }, { key: 'b', amount: 3 }]);
    assert.deepEqual([...totals.keys()], ['b', 'a']);
    assert.deepEqual([totals.totalOf('b'), totals.totalOf('a'), totals.totalOf('c')], [4, 2, undefined]);
    assert.deepEqual([totals.has('a'), totals.has('c'), totals.size], [true, false, 2]);
  });

  test('keeps every total when it grows past its first capacity', () => {
    const records = Array.from({ length: 5_000 }, (_, i) => ({ key: `k${i % 2_500}`, amount: i }));
    const totals = totalsOf(records);
    assert.equal(totals.size, 2_500);
    assert.equal(totals.totalOf('k0'), 2_500);
    assert.equal(totals.totalOf('k2499'), 2_499 + 4_999);
  });

  test('keeps a single amount exactly, even past 15 significant digits', () => {
    assert.equal(totalsOf([{ key: 'k', amount: 0.30000000000000004 }]).totalOf('k'), 0.30000000000000004);
  });

  test('sums many decimal parts to the decimal total', () => {
    const records = Array.from({ length: 10_000 }, () => ({ key: 'k', amount: 0.1 }));
    records.push({ key: 'k', amount: 1e9 }, { key: 'k', amount: -1e9 });
    assert.equal(totalsOf(records).totalOf('k'), 1_000);
  });
});
