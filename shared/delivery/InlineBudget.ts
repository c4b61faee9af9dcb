import { STORAGE_BOUNDS } from '../storage/StorageClients';
import { SlowOrigins } from './SlowOrigins';

/**
 * How long a first attempt may hold the worker that made it (a job's end, a fan-out), and what
 * happens after (ARCHITECTURE.md §6). The attempt is not cancelled when the budget ends: it goes on
 * in the background, bounded by the outbound client's own time budget, so a slow receiver gets its
 * one POST; a queued fallback message covers a process that dies meanwhile. Built once by the app.
 */
export class InlineBudget {
  #handedOff = 0;

  constructor(
    /** The wait for an inline first attempt. Config LONGRUN_DELIVERY_INLINE_BUDGET_MS, default 1000. */
    readonly budgetMs: number,
    /**
     * When the fallback message of a handed-off attempt becomes visible: after the attempt's own
     * time budget (LONGRUN_DELIVERY_TIMEOUT_MS) has surely run out, with a margin for its record.
     */
    readonly fallbackDelaySeconds: number,
    /** At most this many handed-off attempts run in the background of one process; past it, new ones are queued at once. */
    readonly maxHandedOff: number,
    /** Receivers whose recent first attempt outlasted the budget: their first attempts are not waited for. */
    readonly slowOrigins: SlowOrigins = new SlowOrigins(),
  ) {}

  /** Attempts running in the background now. */
  get handedOff(): number {
    return this.#handedOff;
  }

  /** Whether another attempt may be handed off to the background. */
  hasRoom(): boolean {
    return this.#handedOff < this.maxHandedOff;
  }

  /** Counts an attempt as running in the background until it settles. */
  track(attempt: Promise<unknown>): void {
    this.#handedOff++;
    void attempt.then(
      () => this.#handedOff--,
      () => this.#handedOff--,
    );
  }
}

/** What a handed-off attempt still does after its POST: queue its next attempt, write its log row and its record. */
const RECORD_CALLS = 3;

/**
 * The app's budget from its settings. A handed-off attempt is surely over once its POST's time
 * budget has run out and then its record's storage calls, each at its try timeout: 10 s + 3 × 10 s
 * at the defaults. The fallback message becomes visible then. It was the POST's budget plus 5 s,
 * which a record written during a storage stall can outlast: the fallback then finds no attempt
 * and sends it again, to a receiver that may have answered 200.
 */
export function toInlineBudget(budgetMs: number, attemptTimeoutMs: number, maxHandedOff = 256): InlineBudget {
  const recordMs = RECORD_CALLS * STORAGE_BOUNDS.TRY_TIMEOUT_MS;
  return new InlineBudget(budgetMs, Math.ceil((attemptTimeoutMs + recordMs) / 1000), maxHandedOff);
}
