import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InvocationContext } from '@azure/functions';
import { fanoutPoison } from '../../../functions/fanoutPoison';
import { getLongrun } from '../../../shared/app/getLongrun';
import { toHookDeliveryId } from '../../../shared/events/deliverToHooks';
import { toUrlKey } from '../../../shared/events/toUrlKey';
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
});
