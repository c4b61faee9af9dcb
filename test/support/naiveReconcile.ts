import type { ReconcileDataset } from './reconcileDataset';

/** What `reconcile` should answer, computed the slow obvious way (see {@link naiveReconcile}). */
export interface ExpectedReconciliation {
  counts: {
    transactions: number;
    ledger: number;
    matched: number;
    amountMismatches: number;
    missingInLedger: number;
    missingInTransactions: number;
  };
  amountMismatches: { key: string; transactionAmount: number; ledgerAmount: number; difference: number }[];
  missingInLedger: { key: string; amount: number }[];
  missingInTransactions: { key: string; amount: number }[];
}

/**
 * An independent reconciliation for checking the job: totals per key and side in whole cents
 * (integers, so no floating-point care is needed; the dataset's amounts are whole cents), a key
 * matched when its totals differ by at most the tolerance, every list sorted by key in UTF-16
 * code unit order (the default Array sort). Shares no code with shared/jobs/kinds/reconcile.
 */
export function naiveReconcile(dataset: ReconcileDataset): ExpectedReconciliation {
  const totals = (records: ReconcileDataset['transactions']) => {
    const byKey = new Map<string, number>();
    for (const { key, amount } of records) byKey.set(key, (byKey.get(key) ?? 0) + Math.round(amount * 100));
    return byKey;
  };
  const transactions = totals(dataset.transactions);
  const ledger = totals(dataset.ledger);
  const toleranceCents = Math.round(dataset.tolerance * 100);
  const expected: ExpectedReconciliation = {
    counts: { transactions: dataset.transactions.length, ledger: dataset.ledger.length, matched: 0, amountMismatches: 0, missingInLedger: 0, missingInTransactions: 0 },
    amountMismatches: [],
    missingInLedger: [],
    missingInTransactions: [],
  };
  for (const key of [...transactions.keys()].sort()) {
    const mine = transactions.get(key) ?? 0;
    const theirs = ledger.get(key);
    if (theirs === undefined) expected.missingInLedger.push({ key, amount: mine / 100 });
    else if (Math.abs(mine - theirs) <= toleranceCents) expected.counts.matched++;
    else expected.amountMismatches.push({ key, transactionAmount: mine / 100, ledgerAmount: theirs / 100, difference: (mine - theirs) / 100 });
  }
  for (const key of [...ledger.keys()].sort()) {
    if (!transactions.has(key)) expected.missingInTransactions.push({ key, amount: (ledger.get(key) ?? 0) / 100 });
  }
  expected.counts.amountMismatches = expected.amountMismatches.length;
  expected.counts.missingInLedger = expected.missingInLedger.length;
  expected.counts.missingInTransactions = expected.missingInTransactions.length;
  return expected;
}
