import type { Event } from '../model/Event';
import { getHookCount } from './hookCount';
import { getFanoutQueue } from './getFanoutQueue';

/**
 * Hands a published event to every hook of its topic. A topic with no hooks costs nothing beyond
 * the cached hook count (DESIGN §2). Called again when a publish is repeated (an Idempotency-Key
 * replay, a retried worker message), so the fan-out must be idempotent per event id.
 */
export async function fanOutEvent(event: Event): Promise<void> {
  if ((await getHookCount(event.type)) === 0) return;
  await (await getFanoutQueue()).enqueue({ topic: event.type, eventId: event.id });
}
