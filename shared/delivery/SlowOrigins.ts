/** How long an origin stays marked slow without a new mark, and how many origins are remembered. */
export const SLOW_ORIGIN_WINDOW_MS = 60_000;
export const MAX_SLOW_ORIGINS = 1024;

/**
 * The receivers, by origin (scheme, host and port of the target URL; never the URL, which holds
 * secrets), whose recent first attempt outlasted the inline budget (ARCHITECTURE.md §11). Their
 * next first attempts go to the background at once, so a receiver that never answers holds no
 * worker after its first stall. Per process, in memory: a mark lasts `windowMs`, an answer within
 * the budget clears it at once, and past `maxOrigins` the oldest mark is dropped (that receiver is
 * waited for once more). Built once by the app, as part of its InlineBudget.
 * NOTE: Logic Apps callback URLs of a region share a few hosts (`https://prod-03.westus.logic.azure.com/workflows/…`,
 * "Workflows - List Callback Url", Logic Apps REST reference): one stalled run marks such an origin,
 * so the first answer within the budget clears it instead of waiting out the window.
 */
export class SlowOrigins {
  /** Origin -> when it was marked; the Map's insertion order is the marks' order, oldest first. */
  readonly #marks = new Map<string, number>();

  constructor(
    readonly windowMs = SLOW_ORIGIN_WINDOW_MS,
    readonly maxOrigins = MAX_SLOW_ORIGINS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Origins marked now (expired marks included until they are next looked at). */
  get size(): number {
    return this.#marks.size;
  }

  /** Whether `origin`'s last first attempt outlasted the budget within the window. */
  has(origin: string): boolean {
    const markedAt = this.#marks.get(origin);
    if (markedAt === undefined) return false;
    if (this.now() - markedAt < this.windowMs) return true;
    this.#marks.delete(origin);
    return false;
  }

  /** Marks `origin` slow from now on; the oldest mark goes when the memory is full. */
  remember(origin: string): void {
    this.#marks.delete(origin);
    this.#marks.set(origin, this.now());
    for (const oldest of this.#marks.keys()) {
      if (this.#marks.size <= this.maxOrigins) break;
      this.#marks.delete(oldest);
    }
  }

  /** Clears `origin`'s mark: it answered within the budget. */
  forget(origin: string): void {
    this.#marks.delete(origin);
  }
}

/** The origin of a target URL (`https://host:port`), or undefined when it does not parse (the client refuses it anyway). */
export function toOrigin(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
