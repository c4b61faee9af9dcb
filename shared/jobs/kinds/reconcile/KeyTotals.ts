import { roundAmount } from './roundAmount';

const INITIAL_KEYS = 1024;
const INITIAL_CHARS = 16 * 1024;

/**
 * The records of one side, totalled by key, added one at a time, held outside the JavaScript heap:
 * the keys' UTF-16 code units in one arena, an open-addressing table of slots, and the totals in
 * typed arrays (about 50 bytes a key plus its characters). `clear()` keeps the arrays, so a run that
 * judges one key bucket after another allocates them once, at the size of its largest bucket,
 * and leaves no per-key objects for the garbage collector. Slots are numbered in order of first
 * appearance. Sums are compensated (Neumaier), then rounded to the precision of their addends, so a
 * key split over many records totals to what a person adding the decimals would get.
 */
export class KeyTotals {
  private count = 0;
  private charsUsed = 0;
  private table = new Int32Array(INITIAL_KEYS * 2).fill(-1);
  private hashes = new Uint32Array(INITIAL_KEYS);
  private starts = new Uint32Array(INITIAL_KEYS);
  private lengths = new Uint32Array(INITIAL_KEYS);
  private chars = new Uint16Array(INITIAL_CHARS);
  private sums = new Float64Array(INITIAL_KEYS);
  private compensations = new Float64Array(INITIAL_KEYS);
  private absoluteSums = new Float64Array(INITIAL_KEYS);
  private counts = new Uint32Array(INITIAL_KEYS);

  /** Distinct keys added since the last clear. */
  get size(): number {
    return this.count;
  }

  /** Forgets every key, keeping the memory for the next ones. */
  clear(): void {
    this.count = 0;
    this.charsUsed = 0;
    this.table.fill(-1);
  }

  /** Adds one record's amount to its key; `hash` is the key's {@link keyHash}. */
  add(key: string, hash: number, amount: number): void {
    let slot = this.slotOf(key, hash);
    if (slot < 0) slot = this.insert(key, hash);
    const sum = this.sums[slot] ?? 0;
    const next = sum + amount;
    // Neumaier: keep the low-order bits each addition loses, whichever operand is larger.
    this.compensations[slot] = (this.compensations[slot] ?? 0) + (Math.abs(sum) >= Math.abs(amount) ? sum - next + amount : amount - next + sum);
    this.sums[slot] = next;
    this.absoluteSums[slot] = (this.absoluteSums[slot] ?? 0) + Math.abs(amount);
    this.counts[slot] = (this.counts[slot] ?? 0) + 1;
  }

  /** The slot here of the key at `slot` of `other`, or -1: compared code unit by code unit, no string made. */
  slotOfKeyIn(other: KeyTotals, otherSlot: number): number {
    const hash = other.hashes[otherSlot] ?? 0;
    const mask = this.table.length - 1;
    for (let at = indexOf(hash, mask); ; at = (at + 1) & mask) {
      const slot = this.table[at] ?? -1;
      if (slot < 0 || (this.hashes[slot] === hash && this.sameKey(slot, other, otherSlot))) return slot;
    }
  }

  /** The key of `slot`. */
  keyAt(slot: number): string {
    const start = this.starts[slot] ?? 0;
    return String.fromCharCode(...this.chars.subarray(start, start + (this.lengths[slot] ?? 0)));
  }

  /** The total of the records in `slot`; a key seen once keeps its amount exactly. */
  totalAt(slot: number): number {
    const sum = this.sums[slot] ?? 0;
    if ((this.counts[slot] ?? 0) <= 1) return sum;
    return roundAmount(sum + (this.compensations[slot] ?? 0), this.absoluteSums[slot] ?? 0);
  }

  /** The slot of `key` (of hash `hash`), or -1. */
  private slotOf(key: string, hash: number): number {
    const mask = this.table.length - 1;
    for (let at = indexOf(hash, mask); ; at = (at + 1) & mask) {
      const slot = this.table[at] ?? -1;
      if (slot < 0 || (this.hashes[slot] === hash && this.equals(slot, key))) return slot;
    }
  }

  private equals(slot: number, key: string): boolean {
    if (this.lengths[slot] !== key.length) return false;
    const start = this.starts[slot] ?? 0;
    for (let i = 0; i < key.length; i++) if (this.chars[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private sameKey(slot: number, other: KeyTotals, otherSlot: number): boolean {
    const length = this.lengths[slot] ?? 0;
    if (length !== other.lengths[otherSlot]) return false;
    const start = this.starts[slot] ?? 0;
    const otherStart = other.starts[otherSlot] ?? 0;
    for (let i = 0; i < length; i++) if (this.chars[start + i] !== other.chars[otherStart + i]) return false;
    return true;
  }

  private insert(key: string, hash: number): number {
    if (this.count === this.hashes.length) this.growSlots();
    if (this.charsUsed + key.length > this.chars.length) this.chars = widen(this.chars, new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + key.length)));
    const slot = this.count++;
    this.hashes[slot] = hash;
    this.starts[slot] = this.charsUsed;
    this.lengths[slot] = key.length;
    for (let i = 0; i < key.length; i++) this.chars[this.charsUsed + i] = key.charCodeAt(i);
    this.charsUsed += key.length;
    [this.sums[slot], this.compensations[slot], this.absoluteSums[slot], this.counts[slot]] = [0, 0, 0, 0];
    this.place(slot);
    return slot;
  }

  private place(slot: number): void {
    const mask = this.table.length - 1;
    let at = indexOf(this.hashes[slot] ?? 0, mask);
    while ((this.table[at] ?? -1) >= 0) at = (at + 1) & mask;
    this.table[at] = slot;
  }

  /** Doubles the slots; the table stays twice their number (half full at most), so it is rebuilt. */
  private growSlots(): void {
    const capacity = this.hashes.length * 2;
    this.hashes = widen(this.hashes, new Uint32Array(capacity));
    this.starts = widen(this.starts, new Uint32Array(capacity));
    this.lengths = widen(this.lengths, new Uint32Array(capacity));
    this.sums = widen(this.sums, new Float64Array(capacity));
    this.compensations = widen(this.compensations, new Float64Array(capacity));
    this.absoluteSums = widen(this.absoluteSums, new Float64Array(capacity));
    this.counts = widen(this.counts, new Uint32Array(capacity));
    this.table = new Int32Array(capacity * 2).fill(-1);
    for (let slot = 0; slot < this.count; slot++) this.place(slot);
  }
}

/**
 * The table index of `hash` (a table of `mask + 1` entries, a power of two): the top bits of a
 * multiplicative mix, so the keys of one bucket, which share `hash % buckets`, still spread.
 */
function indexOf(hash: number, mask: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> Math.clz32(mask);
}

function widen<T extends Uint16Array | Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
