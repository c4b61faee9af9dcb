import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nextOccurrence, parseTimerSchedule } from '../../host/timerSchedule';

const next = (expression: string, after: string): string => nextOccurrence(parseTimerSchedule(expression), new Date(after)).toISOString();

describe('timerSchedule', () => {
  test('every 5 minutes at second 0 fires on the next multiple of five, strictly after now', () => {
    assert.equal(next('0 */5 * * * *', '2025-03-10T10:02:30Z'), '2025-03-10T10:05:00.000Z');
    assert.equal(next('0 */5 * * * *', '2025-03-10T10:05:00Z'), '2025-03-10T10:10:00.000Z');
  });

  test('lists and ranges in hours, rolling over to the next day', () => {
    assert.equal(next('30 15 9-11,17 * * *', '2025-03-10T17:20:00Z'), '2025-03-11T09:15:30.000Z');
  });

  test('day and day-of-week must both match (NCrontab), and month names are read', () => {
    // 2025-06-13 is a Friday.
    assert.equal(next('0 0 12 13 * 5', '2025-01-01T00:00:00Z'), '2025-06-13T12:00:00.000Z');
    assert.equal(next('0 0 0 1 JAN *', '2025-01-01T00:00:00Z'), '2026-01-01T00:00:00.000Z');
    assert.equal(next('0 0 0 * * 7', '2025-03-10T00:00:00Z'), '2025-03-16T00:00:00.000Z');
  });

  test('malformed expressions are refused with the reason', () => {
    assert.throws(() => parseTimerSchedule('*/5 * * * *'), /six fields/);
    assert.throws(() => parseTimerSchedule('0 61 * * * *'), /minute "61"/);
    assert.throws(() => nextOccurrence(parseTimerSchedule('0 0 0 30 2 *'), new Date()), /never occurs/);
  });
});
