import type { Event } from './Event';
import { getHookCount } from './hookCount';
import { getFanoutQueue } from './getFanoutQueue';
import { getConfig } from '../config';

/**
 * Hands a published event to every hook of its topic. A topic with no hooks costs nothing beyond
 * the cached hook count (DESIGN §2). Called again when a publish is repeated (an Idempotency-Key
 * replay, a retried worker message), so the fan-out must be idempotent per event id.
 */
export async function fanOutEvent(event: Event, options: { replay: boolean }): Promise<void> {
  if ((await getHookCount(event.type)) === 0) return;
  // A repeated publish waits until the first fan-out has surely finished its attempts (each bounded
  // by the delivery timeout): it then skips every hook whose delivery exists, instead of racing it.
  const delaySeconds = options.replay ? Math.ceil((2 * getConfig().LONGRUN_DELIVERY_TIMEOUT_MS) / 1000) + 5 : 0;
  await (await getFanoutQueue()).enqueue({ topic: event.type, eventId: event.id, replay: options.replay }, delaySeconds);
}
