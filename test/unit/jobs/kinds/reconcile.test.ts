import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReconcile, reconcile } from '../../../../shared/jobs/kinds/reconcile';
import type { ReconcileRecord } from '../../../../shared/jobs/kinds/reconcile/ReconcileInput';
import type { ReconcileOutput } from '../../../../shared/jobs/kinds/reconcile/ReconcileOutput';
import type { ReconcileState } from '../../../../shared/jobs/kinds/reconcile/ReconcileState';
import { summaryViolations } from '../../../../shared/openapi/connectorRules';
import { fakeJobContext, InvocationEnded } from './fakeJobContext';
import { generateBooks } from './reconcileData';

type Books = { transactions: ReconcileRecord[]; ledger: ReconcileRecord[]; tolerance?: number };

/** Parses like the runner does, runs to the end without interruption, checks the output schema. */
async function reconcileOnce(books: Books, kind = reconcile): Promise<ReconcileOutput> {
  const output = await kind.run(kind.input.parse(books), fakeJobContext<ReconcileState>().context);
  return kind.output.parse(output);
}

/** The expected result, computed naively in whole cents. */
function naiveReconcile(books: Books, toleranceCents: number): ReconcileOutput {
  const totals = (records: ReconcileRecord[]) => {
    const byKey = new Map<string, number>();
    for (const { key, amount } of records) {
      byKey.set(key, (byKey.get(key) ?? 0) + Math.round(amount * 100));
    }
    return byKey;
  };
  const transactions = totals(books.transactions);
  const ledger = totals(books.ledger);
  const expected: ReconcileOutput = {
    counts: {
      transactions: books.transactions.length,
      ledger: books.ledger.length,
      matched: 0,
      amountMismatches: 0,
      missingInLedger: 0,
      missingInTransactions: 0,
    },
    amountMismatches: [],
    missingInLedger: [],
    missingInTransactions: [],
  };
  for (const key of [...new Set([...transactions.keys(), ...ledger.keys()])].sort()) {
    const t = transactions.get(key);
    const l = ledger.get(key);
    if (t === undefined) expected.missingInTransactions.push({ key, amount: (l ?? 0) / 100 });
    else if (l === undefined) expected.missingInLedger.push({ key, amount: t / 100 });
    else if (Math.abs(t - l) <= toleranceCents) expected.counts.matched++;
    else {
      const difference = (t - l) / 100;
      expected.amountMismatches.push({ key, transactionAmount: t / 100, ledgerAmount: l / 100, difference });
    }
  }
  expected.counts.amountMismatches = expected.amountMismatches.length;
  expected.counts.missingInLedger = expected.missingInLedger.length;
  expected.counts.missingInTransactions = expected.missingInTransactions.length;
  return expected;
}

function stateOf(found: Partial<ReconcileState> & { next: number }): ReconcileState {
  return { version: 1, matched: 0, amountMismatches: [], missingInLedger: [], missingInTransactions: [], ...found };
}

describe('reconcile job kind', () => {
  test('is named reconcile, polls every 5 s and has a summary the connector accepts', () => {
    assert.equal(reconcile.name, 'reconcile');
    assert.equal(reconcile.pollAfterSeconds, 5);
    assert.deepEqual(summaryViolations(reconcile.summary), []);
  });

  test('finds the same discrepancies as a naive whole-cent computation over 10,000 seeded keys', async () => {
    const books = { ...generateBooks({ seed: 20240601, keys: 10_000, toleranceCents: 5 }), tolerance: 0.05 };
    const expected = naiveReconcile(books, 5);
    // The data must exercise every outcome, or the comparison proves little.
    assert.ok(expected.counts.matched > 5_000 && expected.counts.amountMismatches > 1_000);
    assert.ok(expected.counts.missingInLedger > 500 && expected.counts.missingInTransactions > 500);
    const output = await reconcileOnce(books, createReconcile({ chunkRecords: 1_000 }));
    assert.deepEqual(output, expected);
  });

  test('resumes from the last checkpoint without redoing walked chunks and gives the uninterrupted result', async () => {
    const books = { ...generateBooks({ seed: 7, keys: 3_000, toleranceCents: 1 }), tolerance: 0.01 };
    const kind = createReconcile({ chunkRecords: 500 });
    const input = kind.input.parse(books);
    const total = books.transactions.length + books.ledger.length;
    const uninterrupted = await reconcileOnce(books, kind);

    const first = fakeJobContext<ReconcileState>({ endAfterCheckpoints: 2 });
    await assert.rejects(kind.run(input, first.context), InvocationEnded);
    assert.deepEqual(first.checkpoints.map((c) => c.state.next), [500, 1_000]);
    const saved = first.checkpoints[1]?.state;
    assert.ok(saved !== undefined && saved.amountMismatches.length + saved.missingInLedger.length > 0);

    const second = fakeJobContext<ReconcileState>({ state: saved });
    const resumed = await kind.run(input, second.context);
    const walked = second.checkpoints.map((c) => c.state.next);
    assert.equal(walked[0], 1_500, 'the resumed run starts after the saved chunks');
    assert.equal(walked.length, Math.ceil(total / 500) - 1 - 2);
    assert.deepEqual(kind.output.parse(resumed), uninterrupted);
  });

  test('keeps what the checkpoint found instead of finding it again', async () => {
    const records = [{ key: 'a', amount: 1 }, { key: 'b', amount: 2 }];
    const books = { transactions: records, ledger: records };
    // A state claiming the first transaction was a mismatch: a run that re-walked would not list it.
    const state = stateOf({ next: 1, amountMismatches: [0] });
    const output = await reconcile.run(reconcile.input.parse(books), fakeJobContext({ state }).context);
    assert.deepEqual(output.amountMismatches, [{ key: 'a', transactionAmount: 1, ledgerAmount: 1, difference: 0 }]);
    assert.equal(output.counts.matched, 1);
  });

  test('starts over when the checkpoint has another shape', async () => {
    const books = { transactions: [{ key: 'a', amount: 1 }], ledger: [{ key: 'a', amount: 1 }] };
    const state = { version: 0, cursor: 9 } as unknown as ReconcileState;
    const { context } = fakeJobContext({ state });
    const output = await reconcile.run(reconcile.input.parse(books), context);
    assert.equal(output.counts.matched, 1);
  });

  test('refuses a checkpoint that lists records past its own position', async () => {
    const books = { transactions: [{ key: 'a', amount: 1 }, { key: 'b', amount: 1 }], ledger: [] };
    const state = stateOf({ next: 1, missingInLedger: [1] });
    const run = reconcile.run(reconcile.input.parse(books), fakeJobContext({ state }).context);
    await assert.rejects(run, /does not fit/);
  });

  test('stops between chunks once cancelled', async () => {
    const books = generateBooks({ seed: 3, keys: 2_000, toleranceCents: 1 });
    const kind = createReconcile({ chunkRecords: 100 });
    const fake = fakeJobContext<ReconcileState>({
      onCheckpoint: (count) => count === 3 && fake.controller.abort(),
    });
    await assert.rejects(kind.run(kind.input.parse(books), fake.context), { name: 'AbortError' });
    assert.equal(fake.checkpoints.length, 3);
  });

  test('reports progress rising below 100 at each checkpoint and never checkpoints an empty input', async () => {
    const books = generateBooks({ seed: 5, keys: 1_000, toleranceCents: 1 });
    const kind = createReconcile({ chunkRecords: 250 });
    const fake = fakeJobContext<ReconcileState>();
    await kind.run(kind.input.parse(books), fake.context);
    const progress = fake.checkpoints.map((c) => c.progress ?? -1);
    assert.ok(progress.length > 2);
    const rising = progress.every((p, i) => p >= 0 && p < 100 && (i === 0 || p > (progress[i - 1] ?? 0)));
    assert.ok(rising, `progress ${progress.join()}`);

    const empty = fakeJobContext<ReconcileState>();
    const output = await reconcile.run(reconcile.input.parse({ transactions: [], ledger: [] }), empty.context);
    assert.equal(empty.checkpoints.length, 0);
    assert.deepEqual(Object.values(output.counts), [0, 0, 0, 0, 0, 0]);
  });
});
