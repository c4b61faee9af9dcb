/** How long a read count is trusted while the backlog is far from its limit. */
export const BACKLOG_CACHE_MS = 5000;

/** Within this share of the limit, the queue is counted again on every start. */
export const NEAR_LIMIT_SHARE = 0.9;

/** A start admitted under the limit: it says whether its message was sent, once, when it ends. */
export interface Admission {
  /** The start's message is on the queue. */
  sent(): void;
  /** The start is over (sent or not): a start that sent nothing stops counting. */
  settle(): void;
}

/**
 * The `jobs` queue's backlog as starts see it (ARCHITECTURE.md §4): the last count read from the queue,
 * plus the starts this instance admitted whose message is on the way, plus the messages it sent
 * since that count was asked for. Far from the limit the count is read at most every 5 s (no
 * storage call on most starts); within 10 % of it, once per start (concurrent starts share one
 * read), so the limit holds within the starts of other instances in flight at that moment.
 */
export class BacklogGauge {
  #count: { value: number; at: number } | undefined;
  #pending = 0;
  #sentSinceRead = 0;
  #reading: Promise<void> | undefined;

  constructor(private readonly read: () => Promise<number>) {}

  /** The backlog estimate now. */
  estimate(): number {
    return (this.#count?.value ?? 0) + this.#pending + this.#sentSinceRead;
  }

  /** Admits a start while the backlog is at most `limit` (counting it), else undefined. */
  async admit(limit: number, now = Date.now()): Promise<Admission | undefined> {
    const stale = !this.#count || now - this.#count.at >= BACKLOG_CACHE_MS;
    if (stale || this.estimate() >= limit * NEAR_LIMIT_SHARE) await this.#refresh();
    if (this.estimate() > limit) return undefined;
    this.#pending++;
    let sent = false;
    let settled = false;
    return {
      sent: () => {
        if (sent || settled) return;
        sent = true;
        this.#pending--;
        this.#sentSinceRead++;
      },
      settle: () => {
        if (settled) return;
        settled = true;
        if (!sent) this.#pending--;
      },
    };
  }

  #refresh(): Promise<void> {
    this.#reading ??= (async () => {
      // Messages sent before the count was asked for are in it; those sent after may not be.
      const sentBefore = this.#sentSinceRead;
      try {
        const value = await this.read();
        this.#count = { value, at: Date.now() };
        this.#sentSinceRead -= sentBefore;
      } finally {
        this.#reading = undefined;
      }
    })();
    return this.#reading;
  }
}
