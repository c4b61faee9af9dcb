import { seededRandom } from './seededRandom';

/** A transaction or ledger record as the `reconcile` job takes it. */
export interface DatasetRecord {
  readonly key: string;
  readonly amount: number;
  readonly date?: string;
}

/** A `reconcile` input built from a seed. */
export interface ReconcileDataset {
  readonly transactions: DatasetRecord[];
  readonly ledger: DatasetRecord[];
  readonly tolerance: number;
}

/** How to build a dataset. */
export interface DatasetOptions {
  readonly seed: number;
  /** Distinct keys to draw (each lands on one side or both, in one or more records). */
  readonly keys: number;
  /** Give every record a booking date (makes the JSON bigger, as exported records are). Default false. */
  readonly withDates?: boolean;
}

// Key prefixes mixing case and a non-ASCII letter, so "sorted by key" (UTF-16 code units) differs
// from a locale-aware order.
const PREFIXES = ['INV-', 'inv-', 'PAY_', 'Ümlaut-', 'ref '];

/**
 * Builds a reconcile input of `keys` keys, each one case of: matched (same total), matched within
 * the tolerance (1 cent apart, tolerance 0.01), mismatched beyond it, missing in the ledger,
 * missing in the transactions, split over several records on one side (summing to the other
 * side's total, or not: a double charge). Amounts are whole cents (some negative: refunds);
 * both sides are shuffled.
 */
export function buildReconcileDataset(options: DatasetOptions): ReconcileDataset {
  const random = seededRandom(options.seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const date = () => `2024-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
  const record = (key: string, cents: number): DatasetRecord =>
    options.withDates ? { key, amount: cents / 100, date: date() } : { key, amount: cents / 100 };
  const transactions: DatasetRecord[] = [];
  const ledger: DatasetRecord[] = [];
  const used = new Set<string>();
  for (let n = 0; n < options.keys; n++) {
    let key: string;
    do key = `${pick(PREFIXES)}${int(0, 36 ** 6).toString(36)}`;
    while (used.has(key));
    used.add(key);
    const cents = (random() < 0.1 ? -1 : 1) * int(1, 1_000_000);
    const roll = random();
    if (roll < 0.6) {
      transactions.push(record(key, cents));
      ledger.push(record(key, cents));
    } else if (roll < 0.68) {
      transactions.push(record(key, cents));
      ledger.push(record(key, cents + pick([-1, 1])));
    } else if (roll < 0.78) {
      transactions.push(record(key, cents));
      ledger.push(record(key, cents + pick([-1, 1]) * int(2, 50_000)));
    } else if (roll < 0.85) {
      transactions.push(record(key, cents));
    } else if (roll < 0.92) {
      ledger.push(record(key, cents));
    } else if (roll < 0.96) {
      // An invoice paid in instalments: split on one side, one record on the other; matches.
      const first = int(1, 99_999);
      const splitSide = random() < 0.5 ? transactions : ledger;
      const wholeSide = splitSide === transactions ? ledger : transactions;
      splitSide.push(record(key, first), record(key, cents - first));
      wholeSide.push(record(key, cents));
    } else {
      // A double charge: the same amount twice on one side; a mismatch of the totals.
      const doubledSide = random() < 0.5 ? transactions : ledger;
      const singleSide = doubledSide === transactions ? ledger : transactions;
      doubledSide.push(record(key, cents), record(key, cents));
      singleSide.push(record(key, cents));
    }
  }
  shuffle(transactions, random);
  shuffle(ledger, random);
  return { transactions, ledger, tolerance: 0.01 };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
