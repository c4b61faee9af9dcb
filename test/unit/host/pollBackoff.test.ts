import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MIN_POLL_DELAY_MS, nextPollDelay } from '../../host/pollBackoff';

describe('pollBackoff', () => {
  test('empty polls back off exponentially up to maxPollingInterval', () => {
    const delays: number[] = [];
    let delay = MIN_POLL_DELAY_MS;
    for (let i = 0; i < 6; i++) delays.push((delay = nextPollDelay(delay, false, 2000)));
    assert.deepEqual(delays, [200, 400, 800, 1600, 2000, 2000]);
  });

  test('a poll that found messages resets to fast polling', () => {
    assert.equal(nextPollDelay(2000, true, 2000), MIN_POLL_DELAY_MS);
  });

  test('a maxPollingInterval below the minimum caps every delay', () => {
    assert.equal(nextPollDelay(50, false, 50), 50);
    assert.equal(nextPollDelay(50, true, 50), 50);
  });
});
