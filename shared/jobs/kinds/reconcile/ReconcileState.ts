import { z } from 'zod';
import { amountMismatch, missingKey } from './ReconcileOutput';

const count = z.number().int().min(0);

/**
 * What a `reconcile` checkpoint saves: how many key buckets are done (each is one pass over the
 * input) and what they found. Its JSON grows with the discrepancies found (about 40 bytes each,
 * nothing when everything matches), never with the records.
 */
export const reconcileState = z.object({
  /** Bumped when the shape or the bucketing changes: a state of another version is ignored and the walk restarts. */
  version: z.literal(2),
  /** The key buckets of this input: a state for another count does not fit. */
  buckets: z.number().int().min(1),
  /** Buckets done, in order from 0. */
  next: count,
  /** Records counted on each side by the passes so far. */
  transactions: count,
  ledger: count,
  /** Keys found matched so far. */
  matched: count,
  amountMismatches: z.array(amountMismatch),
  missingInLedger: z.array(missingKey),
  missingInTransactions: z.array(missingKey),
});

/** A `reconcile` checkpoint. */
export type ReconcileState = z.infer<typeof reconcileState>;
