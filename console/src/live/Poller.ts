/** What one refresh found: whether anything changed, and whether something is still moving (a running job). */
export interface PollOutcome {
  readonly changed: boolean;
  readonly active: boolean;
}

/** How often a poller asks: from `minMs`, doubling while nothing changes, up to `maxMs` (`activeMaxMs` while something moves). */
export interface PollerOptions {
  readonly run: () => Promise<PollOutcome>;
  readonly minMs: number;
  readonly maxMs: number;
  readonly activeMaxMs?: number;
  readonly setTimer?: (callback: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

/**
 * Keeps one view live without a request storm: one request at a time, the next one scheduled
 * after the answer, the delay doubling while answers stay the same (min → max), back to min on a
 * change or a kick. `stop()` while the tab is hidden; `kick()` when it shows again.
 */
export class Poller {
  private delay: number;
  private timer: unknown;
  private running = false;
  private stopped = true;
  private again = false;

  constructor(private readonly options: PollerOptions) {
    this.delay = options.minMs;
  }

  /** The delay before the next request. */
  get nextDelayMs(): number {
    return this.delay;
  }

  /** Refreshes now and from then on at the shortest delay. */
  kick(): void {
    this.stopped = false;
    this.delay = this.options.minMs;
    this.cancelTimer();
    if (this.running) {
      this.again = true;
      return;
    }
    void this.tick();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer();
  }

  private async tick(): Promise<void> {
    this.running = true;
    let outcome: PollOutcome = { changed: false, active: false };
    try {
      outcome = await this.options.run();
    } catch {
      outcome = { changed: false, active: false };
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    if (this.again) {
      this.again = false;
      void this.tick();
      return;
    }
    const ceiling = outcome.active ? (this.options.activeMaxMs ?? this.options.maxMs) : this.options.maxMs;
    this.delay = outcome.changed ? this.options.minMs : Math.min(this.delay * 2, ceiling);
    const setTimer = this.options.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
    this.timer = setTimer(() => void this.tick(), this.delay);
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    (this.options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>)))(this.timer);
    this.timer = undefined;
  }
}
