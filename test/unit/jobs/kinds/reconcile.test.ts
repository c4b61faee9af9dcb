import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createReconcile, reconcile } from '../../../../shared/jobs/kinds/reconcile';
import type { ReconcileRecord } from '../../../../shared/jobs/kinds/reconcile/ReconcileInput';
import type { ReconcileOutput } from '../../../../shared/jobs/kinds/reconcile/ReconcileOutput';
import type { ReconcileState } from '../../../../shared/jobs/kinds/reconcile/ReconcileState';
import type { StreamedRecords } from '../../../../shared/jobs/input/StreamedRecords';
import { streamedRecordsOf } from '../../../support/streamedRecordsOf';
import { summaryViolations } from '../../../../shared/openapi/connectorRules';
import { fakeJobContext, InvocationEnded, type FakeJobContextOptions } from './fakeJobContext';
import { generateBooks } from './reconcileData';
import { collectOutput } from '../../../support/collectOutput';
import { memoryScratch } from '../../../support/memoryScratch';

type Books = { transactions: ReconcileRecord[]; ledger: ReconcileRecord[]; tolerance?: number };

/** What the worker hands the kind: the input without its streamed arrays, and the arrays as records read in passes. */
function asWorkerDoes(books: Books, kind = reconcile) {
  const { transactions, ledger, ...input } = kind.input.parse(books);
  return { input, records: streamedRecordsOf({ transactions, ledger }) };
}

/** A kind whose input of `books` falls in `buckets` key buckets. */
function kindWithBuckets(books: Books, buckets: number) {
  return createReconcile({ bucketBytes: Math.ceil(asWorkerDoes(books).records.bytes / buckets) });
}

/** Runs like the worker does, with the fake context's options. */
function runAsWorkerDoes(books: Books, kind = reconcile, options: FakeJobContextOptions<ReconcileState> = {}) {
  const { input, records } = asWorkerDoes(books, kind);
  const fake = fakeJobContext<ReconcileState>({ ...options, records: options.records ?? records });
  return { fake, run: kind.run(input as Parameters<typeof kind.run>[0], fake.context) };
}

/** Runs to the end without interruption, checks the output schema. */
async function reconcileOnce(books: Books, kind = reconcile): Promise<ReconcileOutput> {
  return kind.output.parse(await collectOutput(await runAsWorkerDoes(books, kind).run));
}

/** `records`, counting its passes. */
function countingPasses(records: StreamedRecords): { records: StreamedRecords; passes: () => number } {
  let passes = 0;
  return { records: { bytes: records.bytes, forEach: (visit) => (passes++, records.forEach(visit)) }, passes: () => passes };
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

function stateOf(found: Partial<ReconcileState> & { buckets: number; next: number }): ReconcileState {
  const none = { amountMismatches: 0, missingInLedger: 0, missingInTransactions: 0 };
  return { version: 3, transactions: 0, ledger: 0, matched: 0, found: none, runs: Array.from({ length: found.next }, () => ({})), ...found };
}

describe('reconcile job kind', () => {
  test('is named reconcile, polls every 5 s and has a summary the connector accepts', () => {
    assert.equal(reconcile.name, 'reconcile');
    assert.equal(reconcile.pollAfterSeconds, 5);
    assert.deepEqual(summaryViolations(reconcile.summary), []);
  });

  test('finds the same discrepancies as a naive whole-cent computation over 10,000 seeded keys, in one bucket or in 13', async () => {
    const books = { ...generateBooks({ seed: 20240601, keys: 10_000, toleranceCents: 5 }), tolerance: 0.05 };
    const expected = naiveReconcile(books, 5);
    // The data must exercise every outcome, or the comparison proves little.
    assert.ok(expected.counts.matched > 5_000 && expected.counts.amountMismatches > 1_000);
    assert.ok(expected.counts.missingInLedger > 500 && expected.counts.missingInTransactions > 500);
    assert.deepEqual(await reconcileOnce(books), expected);
    assert.deepEqual(await reconcileOnce(books, kindWithBuckets(books, 13)), expected);
  });

  test('reads its input once per bucket, with buckets from the input size, and checkpoints between buckets', async () => {
    const books = generateBooks({ seed: 11, keys: 2_000, toleranceCents: 1 });
    const { records } = asWorkerDoes(books);
    const counted = countingPasses(records);
    const { fake, run } = runAsWorkerDoes(books, createReconcile({ bucketBytes: Math.ceil(records.bytes / 4) }), { records: counted.records });
    await run;
    assert.equal(counted.passes(), 4);
    assert.deepEqual(fake.checkpoints.map((c) => c.state.next), [1, 2, 3]);
    assert.deepEqual(fake.checkpoints.map((c) => c.progress), [25, 50, 75]);
  });

  test('resumes from the last checkpoint without judging its buckets again and gives the uninterrupted result', async () => {
    const books = { ...generateBooks({ seed: 7, keys: 3_000, toleranceCents: 1 }), tolerance: 0.01 };
    const kind = kindWithBuckets(books, 6);
    const uninterrupted = await reconcileOnce(books, kind);

    // The scratch outlives the invocation, as the job's blobs do.
    const scratch = memoryScratch();
    const first = runAsWorkerDoes(books, kind, { endAfterCheckpoints: 2, scratch });
    await assert.rejects(first.run, InvocationEnded);
    const saved = first.fake.checkpoints[1]?.state;
    assert.ok(saved !== undefined && saved.next === 2 && saved.found.amountMismatches + saved.found.missingInLedger > 0);

    const counted = countingPasses(asWorkerDoes(books).records);
    const second = runAsWorkerDoes(books, kind, { state: saved, records: counted.records, scratch });
    const resumed = await collectOutput(await second.run);
    assert.equal(counted.passes(), 4, 'the resumed run judges only the 4 buckets left');
    assert.deepEqual(second.fake.checkpoints.map((c) => c.state.next), [3, 4, 5]);
    assert.deepEqual(kind.output.parse(resumed), uninterrupted);
  });

  test('keeps what the checkpoint found instead of finding it again', async () => {
    const records = [{ key: 'a', amount: 1 }, { key: 'b', amount: 2 }];
    const books = { transactions: records, ledger: records };
    // A state claiming bucket 0 of 2 is done with one mismatch: a run that judged bucket 0 again would not list it.
    const claimed = { key: 'claimed', transactionAmount: 1, ledgerAmount: 2, difference: -1 };
    const scratch = memoryScratch();
    const run = { amountMismatches: await scratch.put('claimed', [JSON.stringify(claimed)]) };
    const found = { amountMismatches: 1, missingInLedger: 0, missingInTransactions: 0 };
    const state = stateOf({ buckets: 2, next: 1, transactions: 2, ledger: 2, found, runs: [run] });
    const output = reconcile.output.parse(await collectOutput(await runAsWorkerDoes(books, kindWithBuckets(books, 2), { state, scratch }).run));
    assert.deepEqual(output.amountMismatches, [claimed]);
    assert.ok(output.counts.matched < 2, 'the keys of bucket 0 are not judged again');
  });

  test('starts over when the checkpoint has another shape', async () => {
    const books = { transactions: [{ key: 'a', amount: 1 }], ledger: [{ key: 'a', amount: 1 }] };
    const state = { version: 2, buckets: 1, next: 1, matched: 5, amountMismatches: [], missingInLedger: [], missingInTransactions: [] } as unknown as ReconcileState;
    const output = reconcile.output.parse(await collectOutput(await runAsWorkerDoes(books, reconcile, { state }).run));
    assert.equal(output.counts.matched, 1);
  });

  test('refuses a checkpoint made for another number of buckets', async () => {
    const books = { transactions: [{ key: 'a', amount: 1 }, { key: 'b', amount: 1 }], ledger: [] };
    const state = stateOf({ buckets: 3, next: 1 });
    await assert.rejects(runAsWorkerDoes(books, reconcile, { state }).run, /does not fit/);
  });

  test('stops between buckets once cancelled', async () => {
    const books = generateBooks({ seed: 3, keys: 2_000, toleranceCents: 1 });
    const kind = kindWithBuckets(books, 8);
    const { input, records } = asWorkerDoes(books, kind);
    const fake = fakeJobContext<ReconcileState>({ records, onCheckpoint: (count) => count === 3 && fake.controller.abort() });
    await assert.rejects(kind.run(input as Parameters<typeof kind.run>[0], fake.context), { name: 'AbortError' });
    assert.equal(fake.checkpoints.length, 3);
  });

  test('never checkpoints an input of one bucket, even an empty one', async () => {
    const books = generateBooks({ seed: 5, keys: 1_000, toleranceCents: 1 });
    const one = runAsWorkerDoes(books);
    await one.run;
    assert.equal(one.fake.checkpoints.length, 0);

    const empty = runAsWorkerDoes({ transactions: [], ledger: [] });
    const output = reconcile.output.parse(await collectOutput(await empty.run));
    assert.equal(empty.fake.checkpoints.length, 0);
    assert.deepEqual(Object.values(output.counts), [0, 0, 0, 0, 0, 0]);
  });

  test('holds no discrepancy from one bucket to the next: each bucket writes its own, sorted, and the checkpoint keeps only where', async () => {
    const books = generateBooks({ seed: 17, keys: 4_000, toleranceCents: 1 });
    const scratch = memoryScratch();
    const { fake, run } = runAsWorkerDoes(books, kindWithBuckets(books, 4), { scratch });
    const output = reconcile.output.parse(await collectOutput(await run));
    const discrepancies = output.counts.amountMismatches + output.counts.missingInLedger + output.counts.missingInTransactions;
    assert.ok(discrepancies > 1_000, `${discrepancies} discrepancies`);
    const last = fake.checkpoints.at(-1)?.state;
    assert.equal(last?.runs.length, 3);
    assert.ok(JSON.stringify(last).length < 1_000, 'the state names runs, it does not list discrepancies');
    assert.equal(scratch.puts(), 4 * 3, 'each bucket wrote one run per list');
  });
});
