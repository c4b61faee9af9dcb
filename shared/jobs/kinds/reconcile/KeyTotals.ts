import { roundAmount } from './roundAmount';

const INITIAL_CAPACITY = 1024;

/**
 * The records of one side, totalled by key, added one at a time. Keys get slots in order of first
 * appearance; the totals sit in typed arrays that double as they fill (about 28 bytes a key
 * besides the Map). Sums are compensated (Neumaier), then rounded to the precision of their
 * addends, so a key split over many records totals to what a person adding the decimals would get.
 */
export class KeyTotals {
  private readonly slots = new Map<string, number>();
  private sums = new Float64Array(INITIAL_CAPACITY);
  private compensations = new Float64Array(INITIAL_CAPACITY);
  private absoluteSums = new Float64Array(INITIAL_CAPACITY);
  private counts = new Uint32Array(INITIAL_CAPACITY);

  /** Distinct keys added. */
  get size(): number {
    return this.slots.size;
  }

  /** Adds one record's amount to its key. */
  add(key: string, amount: number): void {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.slots.size;
      if (slot === this.sums.length) this.grow();
      this.slots.set(key, slot);
    }
    const sum = this.sums[slot] ?? 0;
    const next = sum + amount;
    // Neumaier: keep the low-order bits each addition loses, whichever operand is larger.
    this.compensations[slot] = (this.compensations[slot] ?? 0) + (Math.abs(sum) >= Math.abs(amount) ? sum - next + amount : amount - next + sum);
    this.sums[slot] = next;
    this.absoluteSums[slot] = (this.absoluteSums[slot] ?? 0) + Math.abs(amount);
    this.counts[slot] = (this.counts[slot] ?? 0) + 1;
  }

  /** Whether any record has `key`. */
  has(key: string): boolean {
    return this.slots.has(key);
  }

  /** The total of the records with `key`, or undefined when none has it; a key seen once keeps its amount exactly. */
  totalOf(key: string): number | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    const sum = this.sums[slot] ?? 0;
    if ((this.counts[slot] ?? 0) <= 1) return sum;
    return roundAmount(sum + (this.compensations[slot] ?? 0), this.absoluteSums[slot] ?? 0);
  }

  /** The keys, in order of first appearance. */
  keys(): IterableIterator<string> {
    return this.slots.keys();
  }

  private grow(): void {
    const capacity = this.sums.length * 2;
    const widen = <T extends Float64Array | Uint32Array>(from: T, to: T): T => {
      to.set(from);
      return to;
    };
    this.sums = widen(this.sums, new Float64Array(capacity));
    this.compensations = widen(this.compensations, new Float64Array(capacity));
    this.absoluteSums = widen(this.absoluteSums, new Float64Array(capacity));
    this.counts = widen(this.counts, new Uint32Array(capacity));
  }
}
