import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeliveryResult } from '../../../shared/model/DeliveryResult';
import { DEFAULT_DELIVERY_SCHEDULE_SECONDS as schedule } from '../../../shared/config';
import { classifyResult, nextAttemptDelaySeconds } from '../../../shared/delivery/retrySchedule';

const middle = (): number => 0.5; // no jitter
const lowest = (): number => 0;
const highest = (): number => 0.999999;

describe('nextAttemptDelaySeconds', () => {
  test('the default schedule is immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h', () => {
    assert.deepEqual(schedule, [0, 5, 300, 1800, 7200, 18000, 36000, 36000]);
  });

  test('after attempt n fails, the next waits the schedule entry of attempt n+1', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((attempt) => nextAttemptDelaySeconds({ attempt, schedule, random: middle }));
    assert.deepEqual(delays, schedule.slice(1));
  });

  test('is exhausted after the last scheduled attempt fails', () => {
    assert.equal(nextAttemptDelaySeconds({ attempt: schedule.length, schedule, random: middle }), 'exhausted');
    assert.equal(nextAttemptDelaySeconds({ attempt: 1, schedule: [0], random: middle }), 'exhausted');
  });

  test('jitter stays within ±20 % of the scheduled delay and reaches both ends', () => {
    assert.equal(nextAttemptDelaySeconds({ attempt: 2, schedule, random: lowest }), 240);
    assert.equal(nextAttemptDelaySeconds({ attempt: 2, schedule, random: highest }), 360);
    for (let i = 0; i < 200; i++) {
      const delay = nextAttemptDelaySeconds({ attempt: 3, schedule });
      assert.ok(typeof delay === 'number' && delay >= 1440 && delay <= 2160, String(delay));
    }
  });

  test('delays are whole seconds (they become queue visibility timeouts)', () => {
    const delay = nextAttemptDelaySeconds({ attempt: 1, schedule, random: () => 0.37 });
    assert.ok(Number.isInteger(delay), String(delay));
  });

  test('Retry-After longer than the scheduled delay is honoured', () => {
    assert.equal(nextAttemptDelaySeconds({ attempt: 1, schedule, retryAfterSeconds: 120, random: middle }), 120);
  });

  test('Retry-After shorter than the scheduled delay does not bring the attempt forward', () => {
    assert.equal(nextAttemptDelaySeconds({ attempt: 2, schedule, retryAfterSeconds: 0, random: middle }), 300);
  });

  test('Retry-After is capped at the largest schedule entry', () => {
    assert.equal(nextAttemptDelaySeconds({ attempt: 1, schedule, retryAfterSeconds: 7 * 86400, random: middle }), 36000);
  });

  test('Retry-After does not revive an exhausted delivery', () => {
    assert.equal(nextAttemptDelaySeconds({ attempt: 8, schedule, retryAfterSeconds: 5, random: middle }), 'exhausted');
  });

  test('an attempt number below 1 or fractional is a programming error', () => {
    assert.throws(() => nextAttemptDelaySeconds({ attempt: 0, schedule }), RangeError);
    assert.throws(() => nextAttemptDelaySeconds({ attempt: 1.5, schedule }), RangeError);
  });
});

describe('classifyResult', () => {
  const status = (s: number): DeliveryResult => ({ kind: 'failureStatus', status: s, durationMs: 1 });

  test('2xx is success', () => {
    assert.equal(classifyResult({ kind: 'delivered', status: 204, durationMs: 1 }), 'succeeded');
  });

  test('404 and 410 end the delivery as gone', () => {
    assert.equal(classifyResult(status(404)), 'gone');
    assert.equal(classifyResult(status(410)), 'gone');
  });

  test('3xx, other 4xx and 5xx are retried', () => {
    for (const s of [301, 302, 307, 400, 401, 408, 429, 500, 502, 503]) assert.equal(classifyResult(status(s)), 'retry', String(s));
  });

  test('timeouts and connection failures are retried', () => {
    assert.equal(classifyResult({ kind: 'timedOut', durationMs: 10 }), 'retry');
    assert.equal(classifyResult({ kind: 'connectFailed', message: 'ECONNREFUSED' }), 'retry');
  });

  test('a URL refused by policy or invalid is never retried', () => {
    assert.equal(classifyResult({ kind: 'blocked', reason: 'loopback' }), 'refused');
    assert.equal(classifyResult({ kind: 'invalidUrl', reason: 'bad' }), 'refused');
  });
});
