import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useApp } from '../../support/startApp';
import { JobTable } from '../../support/JobTable';
import { buildReconcileDataset, type ReconcileDataset } from '../../support/reconcileDataset';
import { naiveReconcile } from '../../support/naiveReconcile';
import { runAsyncAction, type ActionResult } from '../../engine/runAsyncAction';
import type { EngineLogEntry } from '../../engine/EngineOptions';

const TIME_SCALE = 0.05;
const TWENTY_MB = 20 * 1024 * 1024;

describe('reconcile end to end (stand-in host, engine simulator)', () => {
  const app = useApp();

  const reconcile = (body: string, log?: EngineLogEntry[]): Promise<ActionResult> =>
    runAsyncAction(
      { method: 'POST', url: `${app.host.baseUrl}/api/jobs/reconcile`, headers: { 'content-type': 'application/json' }, body },
      { timeScale: TIME_SCALE, timeoutMs: 120_000, ...(log ? { log } : {}) },
    );

  test('10,000 records (matches, mismatches beyond and within tolerance, one-sided keys, duplicates) give the discrepancies a naive computation gives', async () => {
    const dataset = buildReconcileDataset({ seed: 20240517, keys: 9_000 });
    const records = dataset.transactions.length + dataset.ledger.length;
    assert.ok(records >= 10_000, `${records} records`);
    const expected = naiveReconcile(dataset);
    assertDatasetCoversEveryCase(dataset, expected);

    const action = await reconcile(JSON.stringify(dataset));

    assert.equal(action.status, 'Succeeded', `${action.code}: ${JSON.stringify(action.body).slice(0, 500)}`);
    assert.equal(action.code, 200);
    const body = action.body as any;
    assert.equal(body.status, 'succeeded');
    assert.deepEqual(body.result.counts, expected.counts);
    assert.deepEqual(body.result.amountMismatches, expected.amountMismatches);
    assert.deepEqual(body.result.missingInLedger, expected.missingInLedger);
    assert.deepEqual(body.result.missingInTransactions, expected.missingInTransactions);
  });

  test('a 20 MB input (over 200,000 records a side) is accepted with 202 and completes with 200; the large result reads back whole', async () => {
    const dataset = buildReconcileDataset({ seed: 7, keys: 215_000, withDates: true });
    assert.ok(dataset.transactions.length >= 200_000 && dataset.ledger.length >= 200_000, `${dataset.transactions.length} / ${dataset.ledger.length} records`);
    const body = JSON.stringify(dataset);
    assert.ok(Buffer.byteLength(body) >= TWENTY_MB, `${Buffer.byteLength(body)} bytes`);
    const expected = naiveReconcile(dataset);
    const log: EngineLogEntry[] = [];

    const action = await reconcile(body, log);

    assert.equal(log[0]?.status, 202, 'the start was accepted');
    assert.equal(action.status, 'Succeeded', `${action.code}: ${JSON.stringify(action.body).slice(0, 500)}`);
    assert.equal(action.code, 200);
    const result = (action.body as any).result;
    assert.deepEqual(result.counts, expected.counts);
    // The result is large (tens of thousands of discrepancies, megabytes); it came back complete and in order.
    assert.ok(JSON.stringify(result).length > 2_000_000, `${JSON.stringify(result).length} characters`);
    assert.deepEqual(result.amountMismatches, expected.amountMismatches);
    assert.deepEqual(result.missingInLedger, expected.missingInLedger);
    assert.deepEqual(result.missingInTransactions, expected.missingInTransactions);
    // Input and result went through the claim check (blobs), not into the row.
    const id = (action.body as any).id as string;
    const blobs = await new JobTable(app.azurite.connectionString).blobNames(id);
    assert.ok(blobs.some((b) => /^jobs\/[0-9a-f]{32}\/input-[\w-]+\.json$/.test(b) && b.startsWith(`jobs/${id}/`)) && blobs.some((b) => b.startsWith(`jobs/${id}/result-`)), blobs.join(', '));
  });
});

/** The seeded data must exercise every case the test claims to cover, or the test proves less. */
function assertDatasetCoversEveryCase(dataset: ReconcileDataset, expected: ReturnType<typeof naiveReconcile>): void {
  const counts = (records: ReconcileDataset['transactions']) => {
    const byKey = new Map<string, number>();
    for (const { key } of records) byKey.set(key, (byKey.get(key) ?? 0) + 1);
    return byKey;
  };
  const duplicated = [...counts(dataset.transactions)].filter(([, n]) => n > 1).length + [...counts(dataset.ledger)].filter(([, n]) => n > 1).length;
  const ledgerTotals = new Map<string, number>();
  for (const { key, amount } of dataset.ledger) ledgerTotals.set(key, (ledgerTotals.get(key) ?? 0) + Math.round(amount * 100));
  const transactionTotals = new Map<string, number>();
  for (const { key, amount } of dataset.transactions) transactionTotals.set(key, (transactionTotals.get(key) ?? 0) + Math.round(amount * 100));
  const withinTolerance = [...transactionTotals].filter(([key, cents]) => Math.abs(cents - (ledgerTotals.get(key) ?? Number.NaN)) === 1).length;
  assert.ok(duplicated > 50, `duplicate keys: ${duplicated}`);
  assert.ok(withinTolerance > 50, `keys 1 cent apart: ${withinTolerance}`);
  assert.ok(expected.counts.matched > 1000 && expected.counts.amountMismatches > 100);
  assert.ok(expected.counts.missingInLedger > 100 && expected.counts.missingInTransactions > 100);
}
