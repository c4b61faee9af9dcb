import type { ReconcileRecord } from '../../../../shared/jobs/kinds/reconcile/ReconcileInput';
import { seededRandom } from '../../../support/seededRandom';

export { seededRandom };

/** Two sides to reconcile. */
export interface Books {
  transactions: ReconcileRecord[];
  ledger: ReconcileRecord[];
}

/** Options of {@link generateBooks}. */
export interface BooksOptions {
  readonly seed: number;
  /** Distinct keys to draw. */
  readonly keys: number;
  /** Tolerance in cents the generated "close" amounts stay within. */
  readonly toleranceCents: number;
}

/**
 * Transactions and ledger records over `keys` distinct keys, amounts in whole cents: keys that
 * match exactly, within the tolerance, beyond it, are on one side only, or are split over several
 * records on a side; both sides shuffled. The keys mix case, digits and a non-ASCII letter.
 */
export function generateBooks(options: BooksOptions): Books {
  const random = seededRandom(options.seed);
  const int = (below: number) => Math.floor(random() * below);
  const alphabet = 'ABCabc019-é';
  const transactions: ReconcileRecord[] = [];
  const ledger: ReconcileRecord[] = [];
  const used = new Set<string>();
  while (used.size < options.keys) {
    const key = Array.from({ length: 1 + int(6) }, () => alphabet[int(alphabet.length)]).join('');
    if (used.has(key)) continue;
    used.add(key);
    const cents = int(2_000_000) - 500_000;
    const pick = int(100);
    const push = (side: ReconcileRecord[], total: number) => splitInto(side, key, total, int);
    if (pick < 50) {
      push(transactions, cents);
      push(ledger, cents);
    } else if (pick < 65) {
      push(transactions, cents);
      push(ledger, cents + (int(2) === 0 ? 1 : -1) * int(options.toleranceCents + 1));
    } else if (pick < 80) {
      push(transactions, cents);
      push(ledger, cents + (int(2) === 0 ? 1 : -1) * (options.toleranceCents + 1 + int(10_000)));
    } else if (pick < 90) {
      push(transactions, cents);
    } else {
      push(ledger, cents);
    }
  }
  return { transactions: shuffle(transactions, int), ledger: shuffle(ledger, int) };
}

/** Adds one record, or (one time in five) two or three records summing to `totalCents`. */
function splitInto(
  side: ReconcileRecord[],
  key: string,
  totalCents: number,
  int: (below: number) => number,
): void {
  const parts = int(5) === 0 ? 2 + int(2) : 1;
  let left = totalCents;
  for (let part = 1; part < parts; part++) {
    const cents = int(100_000) - 20_000;
    side.push({ key, amount: cents / 100, reference: `part ${part}` });
    left -= cents;
  }
  side.push({ key, amount: left / 100 });
}

function shuffle<T>(items: T[], int: (below: number) => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
