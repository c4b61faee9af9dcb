import type { StreamedRecords } from '../../input/StreamedRecords';
import { KeyTotals } from './KeyTotals';
import { keyBucket, keyHash } from './keyBucket';
import type { ReconcileRecord } from './ReconcileInput';
import type { ReconcileOutput } from './ReconcileOutput';
import type { ReconcileState } from './ReconcileState';
import { roundAmount } from './roundAmount';

/**
 * Slack added to the tolerance: differences are already rounded (see roundAmount), so this only
 * forgives what lies below a billionth, far under any currency's minor unit.
 */
const TOLERANCE_SLACK = 1e-9;

/**
 * One reconciliation, walked a key bucket at a time so it runs in memory that does not grow with
 * the input: each step is one pass over the records that totals, on each side, only the keys of
 * its bucket (a hash of the key), then judges them. Records sharing a key land in one bucket, so
 * each key is judged once, with every record of both sides. What earlier steps found comes back
 * from the checkpoint.
 */
export class Reconciliation {
  private readonly found: ReconcileState;
  /** Both sides' totals of the bucket being judged, reused from one bucket to the next. */
  private readonly totals = { transactions: new KeyTotals(), ledger: new KeyTotals() };

  constructor(
    private readonly tolerance: number,
    buckets: number,
    resumeFrom?: ReconcileState,
  ) {
    if (resumeFrom !== undefined && (resumeFrom.buckets !== buckets || resumeFrom.next > buckets)) {
      throw new Error(`Reconcile checkpoint does not fit this input (${resumeFrom.next} of ${resumeFrom.buckets} buckets, not ${buckets})`);
    }
    this.found = resumeFrom ?? { version: 2, buckets, next: 0, transactions: 0, ledger: 0, matched: 0, amountMismatches: [], missingInLedger: [], missingInTransactions: [] };
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

  /** Judges the next bucket: one pass over `records`. */
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
    this.judge(transactions, ledger);
    Object.assign(this.found, counts, { next: bucket + 1 });
  }

  /** What to checkpoint now. */
  toState(): ReconcileState {
    return this.found;
  }

  /** The result, every list sorted by key. Only once {@link done}. */
  toOutput(): ReconcileOutput {
    if (!this.done) throw new Error(`Reconciliation is not done: ${this.found.next} of ${this.found.buckets} buckets judged`);
    const { transactions, ledger, matched, amountMismatches, missingInLedger, missingInTransactions } = this.found;
    return {
      counts: {
        transactions,
        ledger,
        matched,
        amountMismatches: amountMismatches.length,
        missingInLedger: missingInLedger.length,
        missingInTransactions: missingInTransactions.length,
      },
      amountMismatches: amountMismatches.sort(byKey),
      missingInLedger: missingInLedger.sort(byKey),
      missingInTransactions: missingInTransactions.sort(byKey),
    };
  }

  private judge(transactions: KeyTotals, ledger: KeyTotals): void {
    for (let slot = 0; slot < transactions.size; slot++) {
      const transactionAmount = transactions.totalAt(slot);
      const ledgerSlot = ledger.slotOfKeyIn(transactions, slot);
      if (ledgerSlot < 0) {
        this.found.missingInLedger.push({ key: transactions.keyAt(slot), amount: transactionAmount });
        continue;
      }
      const ledgerAmount = ledger.totalAt(ledgerSlot);
      const difference = differenceOf(transactionAmount, ledgerAmount);
      if (Math.abs(difference) <= this.tolerance + TOLERANCE_SLACK) this.found.matched++;
      else this.found.amountMismatches.push({ key: transactions.keyAt(slot), transactionAmount, ledgerAmount, difference });
    }
    for (let slot = 0; slot < ledger.size; slot++) {
      if (transactions.slotOfKeyIn(ledger, slot) < 0) this.found.missingInTransactions.push({ key: ledger.keyAt(slot), amount: ledger.totalAt(slot) });
    }
  }
}

/** a - b without the binary noise of the subtraction (see roundAmount). */
function differenceOf(a: number, b: number): number {
  return roundAmount(a - b, Math.max(Math.abs(a), Math.abs(b)));
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
