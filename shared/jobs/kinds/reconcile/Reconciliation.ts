import type { ScratchStore } from '../../defineJob';
import type { StreamedRecords } from '../../input/StreamedRecords';
import { streamOutput, type StreamedOutput } from '../../output/StreamedOutput';
import { KeyTotals } from './KeyTotals';
import { keyBucket, keyHash } from './keyBucket';
import { mergeRuns } from './mergeRuns';
import type { ReconcileRecord } from './ReconcileInput';
import type { AmountMismatch, MissingKey, ReconcileOutput } from './ReconcileOutput';
import { DISCREPANCY_LISTS, type DiscrepancyList, type ReconcileState } from './ReconcileState';
import { roundAmount } from './roundAmount';

/** What one bucket found, before it is sorted and written. */
type Found = { amountMismatches: AmountMismatch[]; missingInLedger: MissingKey[]; missingInTransactions: MissingKey[] };

/**
 * Slack added to the tolerance: differences are already rounded (see roundAmount), so this only
 * forgives what lies below a billionth, far under any currency's minor unit.
 */
const TOLERANCE_SLACK = 1e-9;

/**
 * One reconciliation, walked a key bucket at a time so it runs in memory that does not grow with
 * the input: each step is one pass over the records that totals, on each side, only the keys of
 * its bucket (a hash of the key), then judges them. Records sharing a key land in one bucket, so
 * each key is judged once, with every record of both sides. What a bucket finds is sorted and
 * written to scratch as it is judged, and the checkpoint keeps only where; the output merges those
 * runs as it is written, so neither the discrepancies nor the result are ever held whole.
 */
export class Reconciliation {
  private readonly found: ReconcileState;
  /** Both sides' totals of the bucket being judged, reused from one bucket to the next. */
  private readonly totals = { transactions: new KeyTotals(), ledger: new KeyTotals() };

  constructor(
    private readonly tolerance: number,
    buckets: number,
    private readonly scratch: ScratchStore,
    resumeFrom?: ReconcileState,
  ) {
    if (resumeFrom !== undefined && (resumeFrom.buckets !== buckets || resumeFrom.next > buckets || resumeFrom.runs.length !== resumeFrom.next)) {
      throw new Error(`Reconcile checkpoint does not fit this input (${resumeFrom.next} of ${resumeFrom.buckets} buckets, not ${buckets})`);
    }
    this.found = resumeFrom ?? {
      version: 3,
      buckets,
      next: 0,
      transactions: 0,
      ledger: 0,
      matched: 0,
      found: { amountMismatches: 0, missingInLedger: 0, missingInTransactions: 0 },
      runs: [],
    };
  }

  /** True once every bucket is judged. */
  get done(): boolean {
    return this.found.next >= this.found.buckets;
  }

  /** Share done, 0..100; 100 only when done. */
  get progress(): number {
    return this.done ? 100 : Math.floor((this.found.next / this.found.buckets) * 100);
  }

  /** Buckets judged so far, and in all. */
  get buckets(): { readonly done: number; readonly of: number } {
    return { done: this.found.next, of: this.found.buckets };
  }

  /** Judges the next bucket: one pass over `records`; what it found is written to scratch, sorted. */
  async step(records: StreamedRecords): Promise<void> {
    const bucket = this.found.next;
    const { transactions, ledger } = this.totals;
    transactions.clear();
    ledger.clear();
    const counts = { transactions: 0, ledger: 0 };
    await records.forEach((array, record) => {
      const side = array === 'transactions' ? 'transactions' : 'ledger';
      counts[side]++;
      const { key, amount } = record as ReconcileRecord;
      const hash = keyHash(key);
      if (keyBucket(hash, this.found.buckets) === bucket) this.totals[side].add(key, hash, amount);
    });
    const found = this.judge(transactions, ledger);
    const runs: ReconcileState['runs'][number] = {};
    for (const list of DISCREPANCY_LISTS) {
      const entries = found[list];
      this.found.found[list] += entries.length;
      if (entries.length === 0) continue;
      entries.sort(byKey);
      runs[list] = await this.scratch.put(`bucket-${bucket}-${list.toLowerCase()}`, entries.map((entry) => JSON.stringify(entry)));
    }
    this.found.runs.push(runs);
    Object.assign(this.found, counts, { next: bucket + 1 });
  }

  /** What to checkpoint now. */
  toState(): ReconcileState {
    return this.found;
  }

  /** The result, every list merged from the buckets' sorted runs as it is written. Only once {@link done}. */
  toOutput(): StreamedOutput {
    if (!this.done) throw new Error(`Reconciliation is not done: ${this.found.next} of ${this.found.buckets} buckets judged`);
    const { transactions, ledger, matched, found } = this.found;
    return streamOutput<ReconcileOutput>(
      { counts: { transactions, ledger, matched, ...found } },
      {
        amountMismatches: this.merged<AmountMismatch>('amountMismatches'),
        missingInLedger: this.merged<MissingKey>('missingInLedger'),
        missingInTransactions: this.merged<MissingKey>('missingInTransactions'),
      },
    );
  }

  /** One list, merged from the runs of every bucket. */
  private merged<T extends { key: string }>(list: DiscrepancyList): AsyncIterable<T> {
    const runs = this.found.runs.flatMap((run) => (run[list] ? [run[list]] : []));
    return mergeRuns(runs.map((payload) => this.parsedLines<T>(payload)));
  }

  private async *parsedLines<T>(payload: NonNullable<ReconcileState['runs'][number][DiscrepancyList]>): AsyncGenerator<T> {
    for await (const line of this.scratch.lines(payload)) yield JSON.parse(line) as T;
  }

  private judge(transactions: KeyTotals, ledger: KeyTotals): Found {
    const found: Found = { amountMismatches: [], missingInLedger: [], missingInTransactions: [] };
    for (let slot = 0; slot < transactions.size; slot++) {
      const transactionAmount = transactions.totalAt(slot);
      const ledgerSlot = ledger.slotOfKeyIn(transactions, slot);
      if (ledgerSlot < 0) {
        found.missingInLedger.push({ key: transactions.keyAt(slot), amount: transactionAmount });
        continue;
      }
      const ledgerAmount = ledger.totalAt(ledgerSlot);
      const difference = differenceOf(transactionAmount, ledgerAmount);
      if (Math.abs(difference) <= this.tolerance + TOLERANCE_SLACK) this.found.matched++;
      else found.amountMismatches.push({ key: transactions.keyAt(slot), transactionAmount, ledgerAmount, difference });
    }
    for (let slot = 0; slot < ledger.size; slot++) {
      if (transactions.slotOfKeyIn(ledger, slot) < 0) found.missingInTransactions.push({ key: ledger.keyAt(slot), amount: ledger.totalAt(slot) });
    }
    return found;
  }
}

/** a - b without the binary noise of the subtraction (see roundAmount). */
function differenceOf(a: number, b: number): number {
  return roundAmount(a - b, Math.max(Math.abs(a), Math.abs(b)));
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
