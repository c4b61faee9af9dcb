import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { reconcileInput } from '../../../../../shared/jobs/kinds/reconcile/ReconcileInput';

const record = { key: 'INV-1', amount: 10 };

function issuesOf(input: unknown): string[] {
  const parsed = reconcileInput.safeParse(input);
  assert.equal(parsed.success, false, 'the input should be refused');
  return parsed.error?.issues.map((issue) => issue.path.join('.')) ?? [];
}

describe('reconcile input', () => {
  test('defaults the tolerance to 0.01 and drops properties it does not use', () => {
    const parsed = reconcileInput.parse({ transactions: [{ ...record, currency: 'EUR', date: '2024-06-01' }], ledger: [] });
    assert.equal(parsed.tolerance, 0.01);
    assert.deepEqual(parsed.transactions, [{ key: 'INV-1', amount: 10, date: '2024-06-01' }]);
  });

  test('refuses an empty key and names where it is', () => {
    assert.deepEqual(issuesOf({ transactions: [record], ledger: [record, { key: '', amount: 1 }] }), ['ledger.1.key']);
  });

  test('refuses a key longer than 200 characters', () => {
    assert.deepEqual(issuesOf({ transactions: [{ key: 'k'.repeat(201), amount: 1 }], ledger: [] }), ['transactions.0.key']);
    assert.equal(reconcileInput.safeParse({ transactions: [{ key: 'k'.repeat(200), amount: 1 }], ledger: [] }).success, true);
  });

  test('refuses amounts that are not finite numbers', () => {
    for (const amount of [Infinity, -Infinity, NaN, '10.00', null]) {
      assert.deepEqual(issuesOf({ transactions: [{ key: 'a', amount }], ledger: [] }), ['transactions.0.amount'], String(amount));
    }
  });

  test('refuses a negative tolerance and accepts zero', () => {
    assert.deepEqual(issuesOf({ transactions: [], ledger: [], tolerance: -0.01 }), ['tolerance']);
    assert.equal(reconcileInput.parse({ transactions: [], ledger: [], tolerance: 0 }).tolerance, 0);
  });

  test('refuses a missing side and a record without an amount', () => {
    assert.deepEqual(issuesOf({ transactions: [] }), ['ledger']);
    assert.deepEqual(issuesOf({ transactions: [{ key: 'a' }], ledger: [] }), ['transactions.0.amount']);
  });

  test('refuses more than 1,000,000 records on a side', () => {
    const tooMany = new Array<typeof record>(1_000_001).fill(record);
    assert.deepEqual(issuesOf({ transactions: [], ledger: tooMany }), ['ledger']);
  });
});
