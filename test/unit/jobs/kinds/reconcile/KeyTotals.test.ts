import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyTotals } from '../../../../../shared/jobs/kinds/reconcile/KeyTotals';
import { keyHash } from '../../../../../shared/jobs/kinds/reconcile/keyBucket';

function totalsOf(records: { key: string; amount: number }[], into = new KeyTotals()): KeyTotals {
  for (const { key, amount } of records) into.add(key, keyHash(key), amount);
  return into;
}

/** key → total, in slot order (first appearance). */
const entries = (totals: KeyTotals) => Array.from({ length: totals.size }, (_, slot) => [totals.keyAt(slot), totals.totalAt(slot)]);

describe('KeyTotals', () => {
  test('totals records by key, in order of first appearance', () => {
    const totals = totalsOf([{ key: 'b', amount: 1 }, { key: 'a', amount: 2 }, { key: 'b', amount: 3 }]);
    assert.deepEqual(entries(totals), [['b', 4], ['a', 2]]);
  });

  test('finds the key of another table code unit by code unit: exact, case, spaces and non-ASCII included', () => {
    const mine = totalsOf(['INV-1', 'inv-1 ', 'Ümlaut', '日本'].map((key) => ({ key, amount: 1 })));
    const other = totalsOf(['日本', 'INV-1', 'inv-1', 'Umlaut', 'Ümlaut'].map((key) => ({ key, amount: 1 })));
    assert.deepEqual(Array.from({ length: other.size }, (_, slot) => mine.slotOfKeyIn(other, slot)), [3, 0, -1, -1, 2]);
  });

  test('tells apart keys whose hashes collide', () => {
    // Keys with one 32-bit FNV-1a hash are rare; two keys given the same hash stand in for them.
    const totals = new KeyTotals();
    totals.add('first', 7, 1);
    totals.add('second', 7, 2);
    totals.add('first', 7, 10);
    assert.deepEqual(entries(totals), [['first', 11], ['second', 2]]);
  });

  test('keeps every key and total when it grows past its first capacity, and starts empty again after clear', () => {
    const records = Array.from({ length: 50_000 }, (_, i) => ({ key: `key-${i % 25_000}`, amount: i }));
    const totals = totalsOf(records);
    assert.equal(totals.size, 25_000);
    assert.deepEqual(entries(totals)[0], ['key-0', 25_000]);
    assert.deepEqual(entries(totals)[24_999], ['key-24999', 24_999 + 49_999]);
    totals.clear();
    assert.equal(totals.size, 0);
    totalsOf([{ key: 'key-1', amount: 5 }], totals);
    assert.deepEqual(entries(totals), [['key-1', 5]]);
  });

  test('keeps a single amount exactly, even past 15 significant digits', () => {
    assert.equal(totalsOf([{ key: 'k', amount: 0.30000000000000004 }]).totalAt(0), 0.30000000000000004);
  });

  test('sums many decimal parts to the decimal total', () => {
    const records = Array.from({ length: 10_000 }, () => ({ key: 'k', amount: 0.1 }));
    records.push({ key: 'k', amount: 1e9 }, { key: 'k', amount: -1e9 });
    assert.equal(totalsOf(records).totalAt(0), 1_000);
  });
});
