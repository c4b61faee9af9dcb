import type { ReconcileRecord } from './ReconcileInput';
import { roundAmount } from './roundAmount';

/**
 * The records of one side, totalled by key. Keys get slots in order of first appearance; the
 * totals sit in typed arrays (about 32 bytes a key and 4 a record besides the Map) so a million keys stay
 * small. Sums are compensated (Neumaier), then rounded to the precision of their addends, so a
 * key split over many records totals to what a person adding the decimals would get.
 */
export class AmountIndex {
  private readonly slots = new Map<string, number>();
  private readonly sums: Float64Array;
  private readonly compensations: Float64Array;
  private readonly absoluteSums: Float64Array;
  private readonly counts: Uint32Array;
  private readonly firsts: Int32Array;
  private readonly recordSlots: Int32Array;

  constructor(records: readonly ReconcileRecord[]) {
    const size = records.length;
    this.sums = new Float64Array(size);
    this.compensations = new Float64Array(size);
    this.absoluteSums = new Float64Array(size);
    this.counts = new Uint32Array(size);
    this.firsts = new Int32Array(size);
    this.recordSlots = new Int32Array(size);
    for (let index = 0; index < size; index++) {
      const record = records[index];
      if (record !== undefined) this.add(record, index);
    }
  }

  /** The slot of `key`, or undefined when no record has it. */
  slotOf(key: string): number | undefined {
    return this.slots.get(key);
  }

  /** The slot of the record at `index` in the input. */
  slotOfRecord(index: number): number {
    return this.recordSlots[index] ?? -1;
  }

  /** Index (in the input) of the first record with the key of `slot`. */
  firstIndexOf(slot: number): number {
    return this.firsts[slot] ?? -1;
  }

  /** The total of the records in `slot`; a key seen once keeps its amount exactly. */
  totalOf(slot: number): number {
    const sum = this.sums[slot] ?? 0;
    if ((this.counts[slot] ?? 0) <= 1) return sum;
    return roundAmount(sum + (this.compensations[slot] ?? 0), this.absoluteSums[slot] ?? 0);
  }

  private add(record: ReconcileRecord, index: number): void {
    let slot = this.slots.get(record.key);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(record.key, slot);
      this.firsts[slot] = index;
    }
    this.recordSlots[index] = slot;
    const sum = this.sums[slot] ?? 0;
    const next = sum + record.amount;
    // Neumaier: keep the low-order bits each addition loses, whichever operand is larger.
    this.compensations[slot] =
      (this.compensations[slot] ?? 0) +
      (Math.abs(sum) >= Math.abs(record.amount) ? sum - next + record.amount : record.amount - next + sum);
    this.sums[slot] = next;
    this.absoluteSums[slot] = (this.absoluteSums[slot] ?? 0) + Math.abs(record.amount);
    this.counts[slot] = (this.counts[slot] ?? 0) + 1;
  }
}
