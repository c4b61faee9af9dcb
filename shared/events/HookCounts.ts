import type { HookStore } from '../storage/HookStore';

/** Where a topic's hook count comes from: the hooks table (tests may substitute a source). */
export type HookCountSource = (topic: string) => Promise<number>;

/** How long a topic's hook count is trusted (10 s): a new hook may miss events for at most this long. */
export const HOOK_COUNT_TTL_MS = 10_000;

/**
 * How many hooks each topic has, cached per topic for HOOK_COUNT_TTL_MS so a topic with no hooks
 * costs no lookup per event. The app keeps one per process, over its hook store.
 */
export class HookCounts {
  private readonly cache = new Map<string, { readonly count: Promise<number>; readonly expiresAt: number }>();

  constructor(private readonly source: HookCountSource) {}

  /** The active hooks of `store`'s topics, counted in the hooks table. */
  static over(store: HookStore): HookCounts {
    return new HookCounts((topic) => store.countActive(topic));
  }

  /** A topic's count; concurrent callers share one lookup, and a failed lookup is not cached. */
  get(topic: string, now: number = Date.now()): Promise<number> {
    const cached = this.cache.get(topic);
    if (cached && cached.expiresAt > now) return cached.count;
    const count = this.source(topic);
    const entry = { count, expiresAt: now + HOOK_COUNT_TTL_MS };
    this.cache.set(topic, entry);
    void count.catch(() => {
      // The caller sees the rejection; only the cache entry is dropped so the next call asks again.
      if (this.cache.get(topic) === entry) this.cache.delete(topic);
    });
    return count;
  }

  /** Forgets a topic's cached count (after a subscribe or delete on this instance), or every count. */
  forget(topic?: string): void {
    if (topic === undefined) this.cache.clear();
    else this.cache.delete(topic);
  }
}

/** What a `hook.disabled` event says (topics/hookDisabled). */
export interface HookDisabledNotice {
  readonly topic: string;
  readonly hookIds: readonly string[];
  readonly urlKey: string;
  readonly action: 'disabled' | 'removed';
  readonly reason: string;
  readonly failingSince?: string;
  readonly status?: number;
  readonly at: string;
}

/**
 * The hook store and its cached counts: a change to a topic's subscriptions keeps both in step.
 * `onHookDisabled` (set by the app) publishes `hook.disabled` when a URL's subscriptions are
 * disabled or removed by their health.
 */
export interface HookDeps {
  readonly hooks: HookStore;
  readonly hookCounts: HookCounts;
  readonly onHookDisabled?: (notice: HookDisabledNotice) => Promise<void>;
}
