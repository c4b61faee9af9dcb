import type { Event } from '../model/Event';
import type { FanoutQueue } from '../storage/FanoutQueue';
import type { HookCounts } from './HookCounts';

/** What a fan-out needs: the cached hook counts and the `fanout` queue. */
export interface FanOutDeps {
  readonly hookCounts: HookCounts;
  readonly fanout: FanoutQueue;
}

/**
 * Hands a published event to every hook of its topic. A topic with no hooks costs nothing beyond
 * the cached hook count (ARCHITECTURE.md §4). Called again when a publish is repeated (an Idempotency-Key
 * replay, a retried worker message), so the fan-out must be idempotent per event id.
 */
export async function fanOutEvent(deps: FanOutDeps, event: Event): Promise<void> {
  if ((await deps.hookCounts.get(event.type)) === 0) return;
  await deps.fanout.enqueue({ topic: event.type, eventId: event.id });
}
