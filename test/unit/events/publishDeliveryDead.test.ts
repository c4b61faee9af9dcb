import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { publishDeliveryDead } from '../../../shared/events/publishDeliveryDead';
import { newDelivery, type Delivery } from '../../../shared/model/Delivery';
import type { PublishDeps } from '../../../shared/events/publishEvent';
import type { Event } from '../../../shared/model/Event';

/** Publish deps that keep what is appended and count no hooks. */
function recordingDeps(): { deps: PublishDeps; appended: Event[] } {
  const appended: Event[] = [];
  const events = {
    append: (e: Event) => Promise.resolve(void appended.push(e)),
    appendOnce: (e: Event, marker: { requestHash: string }) => (appended.push(e), Promise.resolve({ event: e, existing: false, requestHash: marker.requestHash })),
  };
  const deps = { events, hookCounts: { get: () => Promise.resolve(0) }, fanout: {} } as unknown as PublishDeps;
  return { deps, appended };
}

function dead(target: Delivery['target']): Delivery {
  return { ...newDelivery('id1', target), status: 'dead', attempts: [{ at: 't', result: 'timedOut', durationMs: 10_000, errorClass: 'timeout' }], attemptCount: 8 };
}

describe('publishDeliveryDead', () => {
  test('a dead callback publishes its id, target, count and last attempt, without any URL', async () => {
    const { deps, appended } = recordingDeps();
    const delivery = dead({ kind: 'callback', jobId: 'j1' });
    await publishDeliveryDead(deps, delivery);
    assert.equal(appended.length, 1);
    assert.equal(appended[0]?.type, 'delivery.dead');
    assert.deepEqual(appended[0]?.data, { deliveryId: 'id1', target: { kind: 'callback', jobId: 'j1' }, attemptCount: 8, diedAt: delivery.updatedAt, lastAttempt: { at: 't', errorClass: 'timeout' } });
  });

  test('a dead delivery of a delivery.dead event publishes nothing (no loop); one of another topic does', async () => {
    const { deps, appended } = recordingDeps();
    assert.equal(await publishDeliveryDead(deps, dead({ kind: 'hook', topic: 'delivery.dead', hookId: 'u', eventId: 'e' })), undefined);
    assert.equal(appended.length, 0);
    await publishDeliveryDead(deps, dead({ kind: 'hook', topic: 'hook.disabled', hookId: 'u', eventId: 'e' }));
    assert.equal(appended.length, 1);
  });
});
