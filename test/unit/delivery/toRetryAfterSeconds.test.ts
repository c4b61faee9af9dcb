import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { toRetryAfterSeconds } from '../../../shared/delivery/toRetryAfterSeconds';

const now = Date.parse('2025-01-01T00:00:00Z');

describe('toRetryAfterSeconds', () => {
  test('reads delta-seconds', () => {
    assert.equal(toRetryAfterSeconds('120', now), 120);
    assert.equal(toRetryAfterSeconds(' 0 ', now), 0);
  });

  test('reads an HTTP-date as seconds from now, rounding up', () => {
    assert.equal(toRetryAfterSeconds('Wed, 01 Jan 2025 00:01:30 GMT', now), 90);
    assert.equal(toRetryAfterSeconds('Wed, 01 Jan 2025 00:00:00 GMT', now + 500), 0);
  });

  test('an HTTP-date in the past is 0', () => {
    assert.equal(toRetryAfterSeconds('Tue, 31 Dec 2024 23:00:00 GMT', now), 0);
  });

  test('takes the first of repeated headers', () => {
    assert.equal(toRetryAfterSeconds(['30', '60'], now), 30);
  });

  test('ignores absent, negative, fractional and garbage values', () => {
    for (const value of [undefined, '', '-5', '1.5', 'soon', '12:30', 'Mon, 99 Foo 2025']) {
      assert.equal(toRetryAfterSeconds(value, now), undefined, String(value));
    }
  });
});
