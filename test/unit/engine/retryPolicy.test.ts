import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  LOGIC_APPS_DEFAULT_RETRY_POLICY,
  POWER_AUTOMATE_DEFAULT_RETRY_POLICY,
  POWER_AUTOMATE_LOW_PROFILE_RETRY_POLICY,
  isRetriableStatus,
  toRetryIntervalMs,
  toRetryIntervalRange,
} from '../../engine/retryPolicy';
import { seededRandom } from '../../support/seededRandom';

const rangesOf = (policy: typeof LOGIC_APPS_DEFAULT_RETRY_POLICY) =>
  Array.from({ length: policy.count }, (_, i) => toRetryIntervalRange(policy, i + 1)).map((r) => [r.lowMs / 1000, r.highMs / 1000]);

describe('engine simulator: retry policies', () => {
  test("Logic Apps' default draws each of its 4 intervals from ranges scaling by 7.5 s, capped between 5 and 45 s", () => {
    assert.equal(LOGIC_APPS_DEFAULT_RETRY_POLICY.count, 4);
    assert.deepEqual(rangesOf(LOGIC_APPS_DEFAULT_RETRY_POLICY), [
      [5, 7.5],
      [7.5, 15],
      [15, 30],
      [30, 45],
    ]);
  });

  test("Power Automate's default (Medium, High) makes 8 retries, the last drawn near 15 minutes", () => {
    const ranges = rangesOf(POWER_AUTOMATE_DEFAULT_RETRY_POLICY);
    assert.equal(ranges.length, 8);
    assert.deepEqual(ranges[0], [5, 7]);
    assert.deepEqual(ranges[7], [448, 896]);
  });

  test("Power Automate's Low profile makes 2 retries, the last drawn between 5 and 10 minutes", () => {
    assert.deepEqual(rangesOf(POWER_AUTOMATE_LOW_PROFILE_RETRY_POLICY), [
      [5, 300],
      [300, 600],
    ]);
  });

  test('an interval is uniform in its range: the random source picks the point, a seeded one repeats it', () => {
    assert.equal(toRetryIntervalMs(LOGIC_APPS_DEFAULT_RETRY_POLICY, 2, () => 0), 7_500);
    assert.equal(toRetryIntervalMs(LOGIC_APPS_DEFAULT_RETRY_POLICY, 2, () => 0.5), 11_250);
    const a = seededRandom(7);
    const b = seededRandom(7);
    const drawn = [1, 2, 3, 4].map((n) => toRetryIntervalMs(LOGIC_APPS_DEFAULT_RETRY_POLICY, n, a));
    assert.deepEqual(drawn, [1, 2, 3, 4].map((n) => toRetryIntervalMs(LOGIC_APPS_DEFAULT_RETRY_POLICY, n, b)));
    drawn.forEach((ms, i) => {
      const { lowMs, highMs } = toRetryIntervalRange(LOGIC_APPS_DEFAULT_RETRY_POLICY, i + 1);
      assert.ok(ms >= lowMs && ms <= highMs, `retry ${i + 1}: ${ms} ms outside [${lowMs}, ${highMs}]`);
    });
    assert.notDeepEqual(drawn, [1, 2, 3, 4].map((n) => toRetryIntervalMs(LOGIC_APPS_DEFAULT_RETRY_POLICY, n, seededRandom(8))));
  });

  test('408, 429, 5xx and no answer at all are retried; other statuses are not', () => {
    assert.deepEqual([0, 408, 429, 500, 503, 504].map(isRetriableStatus), [true, true, true, true, true, true]);
    assert.deepEqual([200, 202, 400, 401, 404, 409, 410, 422, 424].map(isRetriableStatus), Array(9).fill(false));
  });
});
