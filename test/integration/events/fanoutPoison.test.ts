import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InvocationContext } from '@azure/functions';
import { fanoutPoison } from '../../../functions/fanoutPoison';
import { getLongrun } from '../../../shared/app/getLongrun';
import { toHookDeliveryId } from '../../../shared/events/deliverToHooks';
import { toUrlKey } from '../../../shared/events/toUrlKey';
import { newDelivery } from '../../../shared/model/Delivery';
import { QUEUES } from '../../../shared/storage/names';
import { useCountedStorage } from '../../support/useCountedStorage';
import { order, publish } from './eventRequests';
import { newCallbackUrl, subscribe } from './hookRequests';

const TOPIC = 'order.created';

describe('a poisoned fan-out (in process, real Azurite)', () => {
  useCountedStorage();

  test('dead-letters one delivery per callback URL, however many subscriptions the URL has', async () => {
    const [twice, once] = [newCallbackUrl(), newCallbackUrl()];
    await subscribe(twice);
    await subscribe(twice);
    await subscribe(once);
    const eventId = ((await publish(TOPIC, order(51))).jsonBody as { id: string }).id;
    await fanoutPoison({ topic: TOPIC, eventId }, new InvocationContext());
    const { store } = (await getLongrun()).deliveries;
    for (const url of [twice, once]) {
      const urlKey = toUrlKey(TOPIC, url);
      const stored = await store.get(toHookDeliveryId(eventId, urlKey));
      assert.equal(stored?.delivery.status, 'dead');
      assert.deepEqual(stored?.delivery.target, { kind: 'hook', topic: TOPIC, hookId: urlKey, eventId });
    }
  });

  test('a delivery the fan-out claimed but never attempted (it failed right after the claim) gets its first attempt queued, not dead-lettered and not left pending', async () => {
    const url = newCallbackUrl();
    await subscribe(url);
    const eventId = ((await publish(TOPIC, order(52))).jsonBody as { id: string }).id;
    const longrun = await getLongrun();
    const urlKey = toUrlKey(TOPIC, url);
    const id = toHookDeliveryId(eventId, urlKey);
    // The claim an earlier try inserted 10 minutes ago, with nothing after it.
    await longrun.deliveries.store.insert(newDelivery(id, { kind: 'hook', topic: TOPIC, hookId: urlKey, eventId }, new Date(Date.now() - 600_000)));
    await fanoutPoison({ topic: TOPIC, eventId }, new InvocationContext());
    assert.equal((await longrun.deliveries.store.get(id))?.delivery.status, 'pending');
    const peeked = await longrun.storage.queue(QUEUES.deliveries).peekMessages({ numberOfMessages: 32 });
    const messages = peeked.peekedMessageItems.map((m) => JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as { deliveryId: string; attempt?: number });
    assert.deepEqual(
      messages.filter((m) => m.deliveryId === id).map((m) => m.attempt),
      [0],
      'its first attempt is on the deliveries queue, visible now',
    );
  });
});
