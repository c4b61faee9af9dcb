import type { Delivery } from '../model/Delivery';
import type { DeliveryLog, DeliveryLogQuery } from '../storage/DeliveryLog';
import type { DeliveryStore } from '../storage/DeliveryStore';
import { forEachConcurrently } from './forEachConcurrently';

/** Point reads of one page run this many at a time. */
const READ_CONCURRENCY = 16;

/** One page of deliveries, newest first, and the log's continuation when more rows wait. */
export interface DeliveryListPage {
  readonly deliveries: readonly Delivery[];
  readonly continuation?: string;
}

/**
 * One page of the deliveries that entered a state in a time range (ARCHITECTURE.md §4): one query
 * of the delivery log's partitions of that range, then a point read of each delivery named, since
 * the log is history and the delivery's row is the truth. A delivery that has left the state since
 * (a dead one replayed, a pending one delivered) is left out, and so is one named twice; a page may
 * then hold fewer than `top` items and still have a continuation.
 */
export async function listDeliveries(
  deps: { readonly log: DeliveryLog; readonly store: DeliveryStore },
  query: DeliveryLogQuery,
  page: { readonly top: number; readonly continuation?: string },
): Promise<DeliveryListPage> {
  const found = await deps.log.page(query, page.top, page.continuation);
  const ids = [...new Set(found.entries.map((e) => e.deliveryId))];
  const byId = new Map<string, Delivery>();
  await forEachConcurrently(ids, READ_CONCURRENCY, async (id) => {
    const stored = await deps.store.get(id);
    if (stored && stored.delivery.status === query.state) byId.set(id, stored.delivery);
  });
  const deliveries = ids.flatMap((id) => byId.get(id) ?? []);
  return found.continuation ? { deliveries, continuation: found.continuation } : { deliveries };
}
