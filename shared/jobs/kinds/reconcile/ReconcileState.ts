import { z } from 'zod';

const gaps = z.array(z.number().int().min(0));

/**
 * What a `reconcile` checkpoint saves: how far the walk got and what it found so far, as record
 * indices (gap-encoded, see `toGaps`) rather than copies of keys and amounts. The walk covers the
 * transactions, then the ledger: `next` counts records of both. Its JSON grows by about 2 to 4
 * bytes per discrepancy found (zero when everything matches); amounts are recomputed on resume.
 */
export const reconcileState = z.object({
  /** Bumped when the shape changes: a state of another version is ignored and the walk restarts. */
  version: z.literal(1),
  /** Records walked: transactions first, then ledger records. */
  next: z.number().int().min(0),
  /** Keys found matched so far. */
  matched: z.number().int().min(0),
  /** Transaction indices (first record of each key) whose totals differ from the ledger's. */
  amountMismatches: gaps,
  /** Transaction indices (first record of each key) with no ledger record. */
  missingInLedger: gaps,
  /** Ledger indices (first record of each key) with no transaction. */
  missingInTransactions: gaps,
});

/** A `reconcile` checkpoint. */
export type ReconcileState = z.infer<typeof reconcileState>;
