import { defineJob, type JobKind } from '../defineJob';
import { reconcileInput, type ReconcileInput } from './reconcile/ReconcileInput';
import { reconcileOutput, type ReconcileOutput } from './reconcile/ReconcileOutput';
import { reconcileState, type ReconcileState } from './reconcile/ReconcileState';
import { Reconciliation } from './reconcile/Reconciliation';

/**
 * Input bytes per key bucket. A bucket's keys and totals are held during its pass: at about 30
 * bytes a record (short keys) a bucket holds up to about 280,000 keys a side, some 50 MB.
 */
export const RECONCILE_BUCKET_BYTES = 16 * 1024 * 1024;

/** Options of {@link createReconcile}. */
export interface ReconcileOptions {
  /** Input bytes per key bucket (one pass over the input each). Default {@link RECONCILE_BUCKET_BYTES}. */
  readonly bucketBytes?: number;
}

const DESCRIPTION =
  'Matches transactions against ledger records by key and returns the discrepancies: keys whose ' +
  'totals differ by more than the tolerance, and keys found on one side only. Records sharing a ' +
  'key on one side are summed first (split payments, partial invoices), so a duplicated charge ' +
  'shows up as an amount mismatch. Lists are complete and sorted by key.';

/**
 * Builds the `reconcile` job kind. Duplicate keys on one side are summed rather than reported as
 * errors: a finance user expects one invoice paid in two instalments to match its ledger total,
 * and a double charge still surfaces, as a mismatch of the totals.
 */
export function createReconcile(
  options: ReconcileOptions = {},
): JobKind<ReconcileInput, ReconcileOutput, ReconcileState> {
  const bucketBytes = options.bucketBytes ?? RECONCILE_BUCKET_BYTES;
  return defineJob<ReconcileInput, ReconcileOutput, ReconcileState>({
    name: 'reconcile',
    summary: 'Reconcile transactions against ledger records',
    description: DESCRIPTION,
    input: reconcileInput,
    output: reconcileOutput,
    // Up to a million records a side: read record by record at the start, in passes in the worker.
    streamedArrays: ['transactions', 'ledger'],
    // As many discrepancies as records: found a bucket at a time, written as they are merged.
    streamedOutputArrays: ['amountMismatches', 'missingInLedger', 'missingInTransactions'],
    pollAfterSeconds: 5,
    // The records are not in `input`: they are read in one pass per key bucket (see Reconciliation).
    async run(input: Pick<ReconcileInput, 'tolerance'>, ctx) {
      const buckets = Math.max(1, Math.ceil(ctx.records.bytes / bucketBytes));
      const work = new Reconciliation(input.tolerance, buckets, ctx.scratch, toResumeState(ctx.state));
      while (!work.done) {
        ctx.signal.throwIfAborted();
        await work.step(ctx.records);
        if (!work.done) await ctx.checkpoint(work.toState(), work.progress, `Reconciled ${work.buckets.done} of ${work.buckets.of} key ranges`);
      }
      return work.toOutput();
    },
  });
}

/** The shipped `reconcile` job kind. */
export const reconcile = createReconcile();

/**
 * The saved state to resume from. A state of another shape (saved by an older version of this
 * kind) is ignored: the walk is deterministic, so starting over gives the same result.
 */
function toResumeState(state: unknown): ReconcileState | undefined {
  if (state === undefined) return undefined;
  const parsed = reconcileState.safeParse(state);
  if (parsed.success) return parsed.data;
  console.warn('reconcile: ignoring a checkpoint of another shape; starting over');
  return undefined;
}
