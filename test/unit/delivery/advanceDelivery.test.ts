import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { advanceDelivery } from '../../../shared/delivery/advanceDelivery';
import { newDelivery } from '../../../shared/model/Delivery';

const schedule = [0, 5, 300, 1800];
const now = new Date('2026-01-01T00:00:00Z');
const fresh = () => newDelivery('cb_1', { kind: 'callback', jobId: '1' }, now);
const noJitter = () => 0.5;

describe('advanceDelivery', () => {
  test('2xx succeeds and records the attempt with status and duration', () => {
    const { delivery, delaySeconds } = advanceDelivery(fresh(), { kind: 'delivered', status: 204, durationMs: 12 }, { schedule, now });
    assert.equal(delivery.status, 'succeeded');
    assert.equal(delaySeconds, undefined);
    assert.deepEqual(delivery.attempts, [{ at: now.toISOString(), result: 'delivered', status: 204, durationMs: 12 }]);
  });

  test('404 and 410 end the delivery as gone', () => {
    for (const status of [404, 410]) {
      const { delivery } = advanceDelivery(fresh(), { kind: 'failureStatus', status, durationMs: 1 }, { schedule, now });
      assert.equal(delivery.status, 'gone');
    }
  });

  test('a refused URL ends at once, without retries', () => {
    const { delivery, delaySeconds } = advanceDelivery(fresh(), { kind: 'blocked', reason: 'loopback' }, { schedule, now });
    assert.equal(delivery.status, 'refused');
    assert.equal(delaySeconds, undefined);
  });

  test('a 500 waits for the next slot of the schedule and stays pending', () => {
    const { delivery, delaySeconds } = advanceDelivery(fresh(), { kind: 'failureStatus', status: 500, durationMs: 3 }, { schedule, now, random: noJitter });
    assert.equal(delivery.status, 'pending');
    assert.equal(delaySeconds, 5);
    assert.equal(delivery.nextAttemptAt, '2026-01-01T00:00:05.000Z');
  });

  test('a 302 is a failure that is retried, never followed', () => {
    const { delivery } = advanceDelivery(fresh(), { kind: 'failureStatus', status: 302, durationMs: 3 }, { schedule, now });
    assert.equal(delivery.status, 'pending');
  });

  test('Retry-After lengthens the wait within the schedule', () => {
    const { delaySeconds } = advanceDelivery(fresh(), { kind: 'failureStatus', status: 429, retryAfterSeconds: 60, durationMs: 1 }, { schedule, now, random: noJitter });
    assert.equal(delaySeconds, 60);
  });

  test('when the schedule is exhausted the delivery is dead-lettered', () => {
    let delivery = fresh();
    for (let i = 0; i < schedule.length; i++) {
      delivery = advanceDelivery(delivery, { kind: 'timedOut', durationMs: 10_000 }, { schedule, now, random: noJitter }).delivery;
    }
    assert.equal(delivery.status, 'dead');
    assert.equal(delivery.attempts.length, 4);
    assert.equal(delivery.nextAttemptAt, undefined);
  });

  test('no attempt record carries a URL', () => {
    const { delivery } = advanceDelivery(fresh(), { kind: 'connectFailed', message: 'ECONNREFUSED 203.0.113.5:443' }, { schedule, now });
    assert.doesNotMatch(JSON.stringify(delivery), /https?:\/\//);
  });
});
