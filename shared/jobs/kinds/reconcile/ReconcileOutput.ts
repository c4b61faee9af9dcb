import { z } from 'zod';

const count = z.number().int().min(0);

/** A key on both sides whose totals differ by more than the tolerance. */
export const amountMismatch = z.object({
  key: z.string(),
  transactionAmount: z.number().describe('Total of the transactions with this key'),
  ledgerAmount: z.number().describe('Total of the ledger records with this key'),
  difference: z.number().describe('transactionAmount minus ledgerAmount'),
});

/** A key found on one side only, with its total there. */
export const missingKey = z.object({
  key: z.string(),
  amount: z.number().describe('Total of the records with this key on the side that has it'),
});

/**
 * The `reconcile` job's output. `transactions` and `ledger` count records; the other counts count
 * distinct keys (records sharing a key are summed first), so `matched + amountMismatches +
 * missingInLedger` is the number of distinct transaction keys. Every list is sorted by key
 * (UTF-16 code unit order, the same on every machine) and complete, not capped.
 */
export const reconcileOutput = z.object({
  counts: z.object({
    transactions: count.describe('Transaction records received'),
    ledger: count.describe('Ledger records received'),
    matched: count.describe('Keys on both sides whose totals agree within the tolerance'),
    amountMismatches: count.describe('Keys on both sides whose totals differ by more'),
    missingInLedger: count.describe('Transaction keys with no ledger record'),
    missingInTransactions: count.describe('Ledger keys with no transaction'),
  }),
  amountMismatches: z.array(amountMismatch),
  missingInLedger: z.array(missingKey).describe('Keys in the transactions only'),
  missingInTransactions: z.array(missingKey).describe('Keys in the ledger only'),
});

/** What a reconciliation finds. */
export type ReconcileOutput = z.infer<typeof reconcileOutput>;
/** One entry of {@link ReconcileOutput.amountMismatches}. */
export type AmountMismatch = z.infer<typeof amountMismatch>;
/** One entry of the `missingIn…` lists. */
export type MissingKey = z.infer<typeof missingKey>;
