import { getHookStore } from './getHookStore';

/** Where a topic's hook count comes from: the hooks table (tests may substitute a source). */
export type HookCountSource = (topic: string) => Promise<number>;

/** How long a topic's hook count is trusted (10 s): a new hook may miss events for at most this long. */
export const HOOK_COUNT_TTL_MS = 10_000;

/** The active hooks of a topic, counted in the hooks table. */
export async function countHooks(topic: string): Promise<number> {
  return (await getHookStore()).countActive(topic);
}

let source: HookCountSource = countHooks;
const cache = new Map<string, { readonly count: Promise<number>; readonly expiresAt: number }>();

/** Replaces the source (the hook store plugs in here) and forgets every cached count. */
export function setHookCountSource(next: HookCountSource): void {
  source = next;
  cache.clear();
}

/** Forgets a topic's cached count (after a subscribe or delete on this instance), or every count. */
export function forgetHookCount(topic?: string): void {
  if (topic === undefined) cache.clear();
  else cache.delete(topic);
}

/**
 * How many hooks a topic has, cached per topic for HOOK_COUNT_TTL_MS so a topic with no hooks costs
 * no lookup per event (DESIGN §2). Concurrent callers share one lookup; a failed lookup is not cached.
 */
export function getHookCount(topic: string, now: number = Date.now()): Promise<number> {
  const cached = cache.get(topic);
  if (cached && cached.expiresAt > now) return cached.count;
  const count = source(topic);
  const entry = { count, expiresAt: now + HOOK_COUNT_TTL_MS };
  cache.set(topic, entry);
  void count.catch(() => {
    // The caller sees the rejection; only the cache entry is dropped so the next call asks again.
    if (cache.get(topic) === entry) cache.delete(topic);
  });
  return count;
}
