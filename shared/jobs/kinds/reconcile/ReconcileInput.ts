import { z } from 'zod';

/** Most records accepted on each side. */
export const MAX_RECORDS_PER_SIDE = 1_000_000;
/** Longest key, in characters. */
export const MAX_KEY_LENGTH = 200;
/** Absolute amount tolerance when the input gives none. */
export const DEFAULT_TOLERANCE = 0.01;

/**
 * One transaction or ledger record. Only `key` and `amount` take part in matching; `reference`
 * and `date` are accepted so records can be sent as exported, and other properties are dropped.
 */
export const reconcileRecord = z.object({
  key: z
    .string()
    .min(1)
    .max(MAX_KEY_LENGTH)
    .describe('Matching key (invoice or payment id); compared exactly, case and spaces included'),
  amount: z.number().describe('Amount, a finite number (records with the same key are summed)'),
  reference: z.string().max(1000).optional().describe('Free text, not used for matching'),
  date: z.string().max(64).optional().describe('Booking date, not used for matching'),
});

/** A record as the job sees it. */
export type ReconcileRecord = z.infer<typeof reconcileRecord>;

/** The `reconcile` job's input. */
export const reconcileInput = z.object({
  transactions: z
    .array(reconcileRecord)
    .max(MAX_RECORDS_PER_SIDE)
    .describe('Transactions to check (bank or payment side)'),
  ledger: z
    .array(reconcileRecord)
    .max(MAX_RECORDS_PER_SIDE)
    .describe('Ledger records to check them against (books side)'),
  tolerance: z
    .number()
    .min(0)
    .default(DEFAULT_TOLERANCE)
    .describe('Largest absolute difference still counted as a match. Default 0.01'),
});

/** The parsed input: `tolerance` is always set (default {@link DEFAULT_TOLERANCE}). */
export type ReconcileInput = z.infer<typeof reconcileInput>;
