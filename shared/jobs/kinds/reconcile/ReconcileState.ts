import { z } from 'zod';

const count = z.number().int().min(0);

/** Where a scratch payload is: inline in the state, or its blob's name. */
const storedPayload = z.union([z.object({ inline: z.string() }).strict(), z.object({ blob: z.string() }).strict()]);

/** Which list of the output a run belongs to. */
export const DISCREPANCY_LISTS = ['amountMismatches', 'missingInLedger', 'missingInTransactions'] as const;
/** One of {@link DISCREPANCY_LISTS}. */
export type DiscrepancyList = (typeof DISCREPANCY_LISTS)[number];

/**
 * What a `reconcile` checkpoint saves: how many key buckets are done (each is one pass over the
 * input), the counts so far, and where each done bucket's discrepancies are: per list, one scratch
 * payload of JSON lines sorted by key (none when the bucket found none). Its JSON grows with the
 * buckets (at most a few dozen), never with the records or the discrepancies.
 */
export const reconcileState = z.object({
  /** Bumped when the shape or the bucketing changes: a state of another version is ignored and the walk restarts. */
  version: z.literal(3),
  /** The key buckets of this input: a state for another count does not fit. */
  buckets: z.number().int().min(1),
  /** Buckets done, in order from 0. */
  next: count,
  /** Records counted on each side by the passes so far. */
  transactions: count,
  ledger: count,
  /** Keys found matched so far, and discrepancies found per list. */
  matched: count,
  found: z.object({ amountMismatches: count, missingInLedger: count, missingInTransactions: count }),
  /** Per bucket done, its sorted runs. */
  runs: z.array(z.object({ amountMismatches: storedPayload.optional(), missingInLedger: storedPayload.optional(), missingInTransactions: storedPayload.optional() })),
});

/** A `reconcile` checkpoint. */
export type ReconcileState = z.infer<typeof reconcileState>;
