import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_ID_PATTERN, isEventId, newEventId, toEventIdPrefix, toEventTime } from '../../../shared/events/eventId';

describe('event ids are time-ordered and fixed-width', () => {
  test('an id is 13 digits of Unix ms, a dash and 16 hex digits', () => {
    const id = newEventId(1_718_000_000_123);
    assert.match(id, EVENT_ID_PATTERN);
    assert.ok(id.startsWith('1718000000123-'));
    assert.equal(toEventTime(id), 1_718_000_000_123);
  });

  test('early times are zero-padded so lexical order stays time order', () => {
    const early = newEventId(999);
    assert.ok(early.startsWith('0000000000999-'));
    assert.ok(early < newEventId(1000));
    assert.ok(newEventId(9_999_999_999) < newEventId(10_000_000_000), 'across a change in digit count');
  });

  test('sorting ids lexically sorts them by publication time', () => {
    const times = [5, 1_700_000_000_000, 42, 1_600_000_000_000, 1_700_000_000_001, 42];
    const ids = times.map((t) => newEventId(t));
    const byText = [...ids].sort();
    assert.deepEqual(byText.map(toEventTime), [...times].sort((a, b) => a - b));
  });

  test('two ids of the same millisecond differ', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newEventId(1_718_000_000_000)));
    assert.equal(ids.size, 1000);
  });

  test('the prefix of an instant sorts after every earlier id and before every id at or after it', () => {
    const prefix = toEventIdPrefix(1_718_000_000_000);
    assert.ok(newEventId(1_717_999_999_999) < prefix);
    assert.ok(prefix < newEventId(1_718_000_000_000));
    assert.ok(prefix < newEventId(1_718_000_000_001));
  });

  test('times outside 0..9999999999999 ms or not whole are refused', () => {
    assert.throws(() => toEventIdPrefix(-1), RangeError);
    assert.throws(() => toEventIdPrefix(10_000_000_000_000), RangeError);
    assert.throws(() => toEventIdPrefix(1.5), RangeError);
  });

  test('isEventId accepts ids only', () => {
    assert.ok(isEventId(newEventId()));
    for (const bad of ['', '1718000000000', '1718000000000-9F86D081884C7D65', '171800000000-9f86d081884c7d65', '1718000000000-9f86d081884c7d6']) {
      assert.equal(isEventId(bad), false, bad);
    }
  });
});
