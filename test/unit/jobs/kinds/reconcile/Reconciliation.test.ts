import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TOLERANCE, type ReconcileRecord } from '../../../../../shared/jobs/kinds/reconcile/ReconcileInput';
import type { ReconcileOutput } from '../../../../../shared/jobs/kinds/reconcile/ReconcileOutput';
import { Reconciliation } from '../../../../../shared/jobs/kinds/reconcile/Reconciliation';
import { streamedRecordsOf } from '../../../../support/streamedRecordsOf';
import { collectOutput } from '../../../../support/collectOutput';
import { memoryScratch } from '../../../../support/memoryScratch';

async function reconcileAll(transactions: ReconcileRecord[], ledger: ReconcileRecord[], tolerance = DEFAULT_TOLERANCE, buckets = 1): Promise<ReconcileOutput> {
  const work = new Reconciliation(tolerance, buckets, memoryScratch());
  while (!work.done) await work.step(streamedRecordsOf({ transactions, ledger }));
  return (await collectOutput(work.toOutput())) as ReconcileOutput;
}

/** Outcome of one key present on both sides. */
async function verdict(transactionAmount: number, ledgerAmount: number, tolerance?: number) {
  const output = await reconcileAll([{ key: 'k', amount: transactionAmount }], [{ key: 'k', amount: ledgerAmount }], tolerance);
  return output.counts.matched === 1 ? 'matched' : output.amountMismatches[0];
}

describe('Reconciliation', () => {
  test('matches a difference exactly at the tolerance, despite binary noise', async () => {
    assert.equal(await verdict(10.01, 10), 'matched');
    assert.equal(await verdict(-5, -5.01), 'matched');
    assert.equal(await verdict(1_000_000_000.01, 1_000_000_000), 'matched');
    assert.equal(await verdict(0.3, 0.1 + 0.2, 0), 'matched');
  });

  test('reports a difference just past the tolerance with its decimal value', async () => {
    assert.deepEqual(await verdict(10.02, 10), { key: 'k', transactionAmount: 10.02, ledgerAmount: 10, difference: 0.02 });
    assert.deepEqual(await verdict(100, 100.1, 0.05), { key: 'k', transactionAmount: 100, ledgerAmount: 100.1, difference: -0.1 });
    assert.deepEqual(await verdict(1_000_000_000.02, 1_000_000_000), {
      key: 'k',
      transactionAmount: 1_000_000_000.02,
      ledgerAmount: 1_000_000_000,
      difference: 0.02,
    });
  });

  test('forgives a difference past the tolerance by less than a billionth', async () => {
    assert.equal(await verdict(0.30000000001, 0, 0.3), 'matched');
    assert.notEqual(await verdict(0.300000002, 0, 0.3), 'matched');
  });

  test('with tolerance 0 only equal amounts match', async () => {
    assert.equal(await verdict(7.5, 7.5, 0), 'matched');
    assert.deepEqual(await verdict(7.5, 7.51, 0), { key: 'k', transactionAmount: 7.5, ledgerAmount: 7.51, difference: -0.01 });
  });

  test('a wide tolerance matches what a narrow one reports', async () => {
    assert.equal(await verdict(150, 100, 50), 'matched');
    assert.notEqual(await verdict(150.01, 100, 50), 'matched');
  });

  test('sums records sharing a key, so split payments match and a double charge is a mismatch', async () => {
    const output = await reconcileAll(
      [
        { key: 'split', amount: 0.1 },
        { key: 'double', amount: 50 },
        { key: 'split', amount: 0.2 },
        { key: 'double', amount: 50 },
      ],
      [
        { key: 'split', amount: 0.3 },
        { key: 'double', amount: 50 },
        { key: 'only-ledger', amount: 1.1 },
        { key: 'only-ledger', amount: 2.2 },
      ],
      0,
    );
    assert.deepEqual(output, {
      counts: { transactions: 4, ledger: 4, matched: 1, amountMismatches: 1, missingInLedger: 0, missingInTransactions: 1 },
      amountMismatches: [{ key: 'double', transactionAmount: 100, ledgerAmount: 50, difference: 50 }],
      missingInLedger: [],
      missingInTransactions: [{ key: 'only-ledger', amount: 3.3 }],
    });
  });

  test('lists every discrepancy sorted by key in code unit order, whatever the input order', async () => {
    const keys = ['b', 'B', 'a10', 'a9', 'é', 'Z'];
    const output = await reconcileAll(keys.map((key) => ({ key, amount: 1 })), []);
    assert.deepEqual(output.missingInLedger.map((m) => m.key), ['B', 'Z', 'a10', 'a9', 'b', 'é']);
  });

  test('compares keys exactly, case and spaces included', async () => {
    const output = await reconcileAll([{ key: 'INV-1', amount: 1 }], [{ key: 'inv-1 ', amount: 1 }]);
    assert.equal(output.counts.matched, 0);
    assert.deepEqual(output.missingInLedger, [{ key: 'INV-1', amount: 1 }]);
    assert.deepEqual(output.missingInTransactions, [{ key: 'inv-1 ', amount: 1 }]);
  });

  test('judges each key once, with all its records, whatever bucket it falls in', async () => {
    const transactions = Array.from({ length: 300 }, (_, i) => ({ key: `k${i % 100}`, amount: 1 }));
    const ledger = Array.from({ length: 100 }, (_, i) => ({ key: `k${i}`, amount: i === 7 ? 2 : 3 }));
    const output = await reconcileAll(transactions, ledger, 0, 7);
    assert.deepEqual(output.counts, { transactions: 300, ledger: 100, matched: 99, amountMismatches: 1, missingInLedger: 0, missingInTransactions: 0 });
    assert.deepEqual(output.amountMismatches, [{ key: 'k7', transactionAmount: 3, ledgerAmount: 2, difference: 1 }]);
  });

  test('reads the records once per bucket and has no output before every bucket is judged', async () => {
    let passes = 0;
    const inner = streamedRecordsOf({ transactions: [{ key: 'a', amount: 1 }], ledger: [{ key: 'a', amount: 1 }] });
    const records = { ...inner, forEach: (visit: Parameters<typeof inner.forEach>[0]) => (passes++, inner.forEach(visit)) };
    const work = new Reconciliation(0, 2, memoryScratch());
    await work.step(records);
    assert.equal(work.done, false);
    assert.equal(work.progress, 50);
    assert.throws(() => work.toOutput(), /not done/);
    await work.step(records);
    assert.deepEqual([work.done, passes, ((await collectOutput(work.toOutput())) as ReconcileOutput).counts.matched], [true, 2, 1]);
  });
});
