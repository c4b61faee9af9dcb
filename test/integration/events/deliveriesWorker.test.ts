import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InvocationContext } from '@azure/functions';
import { deliveriesWorker } from '../../../functions/deliveriesWorker';
import { getLongrun } from '../../../shared/app/getLongrun';
import { toHookDeliveryId } from '../../../shared/events/deliverToHooks';
import { toUrlKey } from '../../../shared/events/toUrlKey';
import { newDelivery, type Delivery } from '../../../shared/model/Delivery';
import { useCountedStorage } from '../../support/useCountedStorage';
import { startTestReceiver, type TestReceiver } from '../delivery/testReceiver';
import { order, publish } from './eventRequests';
import { subscribe } from './hookRequests';

const TOPIC = 'order.created';

describe('the deliveries worker and a message that is not for the attempt its record is at (in process, real Azurite)', () => {
  useCountedStorage({ LONGRUN_CALLBACK_HTTPS_ONLY: 'false', LONGRUN_CALLBACK_ALLOWED_NETWORKS: '127.0.0.0/8' });
  let receiver: TestReceiver;
  before(async () => {
    receiver = await startTestReceiver();
  });
  after(() => receiver.stop());

  /** A hook subscribed to a local receiver, an event published, and the delivery's claim: pending, no attempt. */
  async function claimedDelivery(n: number): Promise<Delivery> {
    const url = `http://127.0.0.1:${receiver.port}/hook/${n}?sig=secret`;
    await subscribe(url);
    const eventId = ((await publish(TOPIC, order(n))).jsonBody as { id: string }).id;
    const urlKey = toUrlKey(TOPIC, url);
    const claimed = newDelivery(toHookDeliveryId(eventId, urlKey), { kind: 'hook', topic: TOPIC, hookId: urlKey, eventId });
    await (await getLongrun()).deliveries.store.insert({ ...claimed, nextAttemptAt: claimed.createdAt });
    return claimed;
  }
  const postsTo = (n: number) => receiver.requests.filter((r) => r.url.startsWith(`/hook/${n}?`)).length;

  test('a message for an attempt its record has not reached yet (it was queued before the record was written) runs from the record: one POST, recorded', async () => {
    const claimed = await claimedDelivery(61);
    await deliveriesWorker({ deliveryId: claimed.id, target: claimed.target, attempt: 1 }, new InvocationContext());
    assert.equal(postsTo(61), 1);
    const row = (await (await getLongrun()).deliveries.store.get(claimed.id))?.delivery;
    assert.equal(row?.status, 'succeeded');
    assert.equal(row?.attempts.length, 1);
  });

  test('a message for an attempt its record has passed sends nothing', async () => {
    const claimed = await claimedDelivery(62);
    receiver.handle = (_req, res) => ((res.statusCode = 500), res.end());
    try {
      await deliveriesWorker({ deliveryId: claimed.id, target: claimed.target, attempt: 0 }, new InvocationContext());
    } finally {
      receiver.handle = (_req, res) => ((res.statusCode = 204), res.end());
    }
    const { store } = (await getLongrun()).deliveries;
    assert.equal((await store.get(claimed.id))?.delivery.attemptsInRound, 1, 'the first attempt failed: pending, at attempt 1');
    // The first attempt's message again (a handed-off attempt's fallback, a duplicate): the record has passed it.
    await deliveriesWorker({ deliveryId: claimed.id, target: claimed.target, attempt: 0 }, new InvocationContext());
    assert.equal(postsTo(62), 1, 'no second POST');
    assert.equal((await store.get(claimed.id))?.delivery.attemptsInRound, 1);
  });
});
