import { AmountIndex } from './AmountIndex';
import { fromGaps, toGaps } from './gapEncoding';
import type { ReconcileInput, ReconcileRecord } from './ReconcileInput';
import type { AmountMismatch, MissingKey, ReconcileOutput } from './ReconcileOutput';
import type { ReconcileState } from './ReconcileState';
import { roundAmount } from './roundAmount';

/**
 * Slack added to the tolerance: differences are already rounded (see roundAmount), so this only
 * forgives what lies below a billionth, far under any currency's minor unit.
 */
const TOLERANCE_SLACK = 1e-9;

/**
 * One reconciliation, walked in steps so it can checkpoint and resume. Records sharing a key are
 * summed on each side; each key is judged once, at its first transaction record (or, for a key
 * only in the ledger, at its first ledger record). The indexes are rebuilt from the input on every
 * run; what was found before a checkpoint comes back from the state as record indices.
 */
export class Reconciliation {
  private readonly transactions: AmountIndex;
  private readonly ledger: AmountIndex;
  private readonly total: number;
  private next = 0;
  private matched = 0;
  private amountMismatches: number[] = [];
  private missingInLedger: number[] = [];
  private missingInTransactions: number[] = [];

  constructor(
    private readonly input: ReconcileInput,
    resumeFrom?: ReconcileState,
  ) {
    this.transactions = new AmountIndex(input.transactions);
    this.ledger = new AmountIndex(input.ledger);
    this.total = input.transactions.length + input.ledger.length;
    if (resumeFrom !== undefined) this.resume(resumeFrom);
  }

  /** True once every record has been walked. */
  get done(): boolean {
    return this.next >= this.total;
  }

  /** Records walked so far, of both sides. */
  get walked(): number {
    return this.next;
  }

  /** Share walked, 0..100; 100 only when done. */
  get progress(): number {
    return this.done ? 100 : Math.floor((this.next / this.total) * 100);
  }

  /** Walks up to `records` more records. */
  step(records: number): void {
    const end = Math.min(this.total, this.next + records);
    const transactionCount = this.input.transactions.length;
    for (let i = this.next; i < end; i++) {
      if (i < transactionCount) this.visitTransaction(i);
      else this.visitLedgerRecord(i - transactionCount);
    }
    this.next = end;
  }

  /** What to checkpoint now. */
  toState(): ReconcileState {
    return {
      version: 1,
      next: this.next,
      matched: this.matched,
      amountMismatches: toGaps(this.amountMismatches),
      missingInLedger: toGaps(this.missingInLedger),
      missingInTransactions: toGaps(this.missingInTransactions),
    };
  }

  /** The result, every list sorted by key. Only once {@link done}. */
  toOutput(): ReconcileOutput {
    if (!this.done) {
      throw new Error(`Reconciliation is not done: ${this.next} of ${this.total} records walked`);
    }
    const { transactions, ledger } = this.input;
    const amountMismatches = this.amountMismatches.map((at) => this.toMismatch(at));
    const missingInLedger = this.missingInLedger.map((at) => toMissing(transactions, this.transactions, at));
    const missingInTransactions = this.missingInTransactions.map((at) => toMissing(ledger, this.ledger, at));
    return {
      counts: {
        transactions: this.input.transactions.length,
        ledger: this.input.ledger.length,
        matched: this.matched,
        amountMismatches: amountMismatches.length,
        missingInLedger: missingInLedger.length,
        missingInTransactions: missingInTransactions.length,
      },
      amountMismatches: amountMismatches.sort(byKey),
      missingInLedger: missingInLedger.sort(byKey),
      missingInTransactions: missingInTransactions.sort(byKey),
    };
  }

  private visitTransaction(index: number): void {
    const slot = this.transactions.slotOfRecord(index);
    if (this.transactions.firstIndexOf(slot) !== index) return;
    const ledgerSlot = this.ledger.slotOf(this.input.transactions[index]?.key ?? '');
    if (ledgerSlot === undefined) {
      this.missingInLedger.push(index);
      return;
    }
    const transactionTotal = this.transactions.totalOf(slot);
    const difference = differenceOf(transactionTotal, this.ledger.totalOf(ledgerSlot));
    if (Math.abs(difference) <= this.input.tolerance + TOLERANCE_SLACK) this.matched++;
    else this.amountMismatches.push(index);
  }

  private visitLedgerRecord(index: number): void {
    if (this.ledger.firstIndexOf(this.ledger.slotOfRecord(index)) !== index) return;
    const key = this.input.ledger[index]?.key ?? '';
    if (this.transactions.slotOf(key) === undefined) this.missingInTransactions.push(index);
  }

  private toMismatch(index: number): AmountMismatch {
    const key = this.input.transactions[index]?.key ?? '';
    const transactionAmount = this.transactions.totalOf(this.transactions.slotOfRecord(index));
    const ledgerAmount = this.ledger.totalOf(this.ledger.slotOf(key) ?? -1);
    return { key, transactionAmount, ledgerAmount, difference: differenceOf(transactionAmount, ledgerAmount) };
  }

  private resume(state: ReconcileState): void {
    const transactionCount = this.input.transactions.length;
    const amountMismatches = fromGaps(state.amountMismatches);
    const missingInLedger = fromGaps(state.missingInLedger);
    const missingInTransactions = fromGaps(state.missingInTransactions);
    const walkedTransactions = Math.min(state.next, transactionCount);
    const fits =
      state.next <= this.total &&
      amountMismatches.every((index) => index < walkedTransactions) &&
      missingInLedger.every((index) => index < walkedTransactions) &&
      missingInTransactions.every((index) => index + transactionCount < state.next);
    if (!fits) throw new Error(`Reconcile checkpoint does not fit this input (${this.total} records)`);
    this.next = state.next;
    this.matched = state.matched;
    this.amountMismatches = amountMismatches;
    this.missingInLedger = missingInLedger;
    this.missingInTransactions = missingInTransactions;
  }
}

/** The key of `records[at]` with its total on that side. */
function toMissing(records: readonly ReconcileRecord[], index: AmountIndex, at: number): MissingKey {
  const key = records[at]?.key ?? '';
  return { key, amount: index.totalOf(index.slotOf(key) ?? -1) };
}

/** a - b without the binary noise of the subtraction (see roundAmount). */
function differenceOf(a: number, b: number): number {
  return roundAmount(a - b, Math.max(Math.abs(a), Math.abs(b)));
}

function byKey(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
