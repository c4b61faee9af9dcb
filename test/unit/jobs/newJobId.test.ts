import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { isJobId, MAX_JOB_ID_TIME, newJobId, toJobIdPrefix, toJobIdRange } from '../../../shared/jobs/newJobId';
import { listJobs } from '../../../shared/jobs/listJobs';
import type { JobListQuery } from '../../../shared/storage/JobStore';

const T = Date.parse('2026-12-01T12:00:00.000Z');
const inRange = (id: string, range: { first: string; last: string }) => id >= range.first && id <= range.last;

describe('time-ordered job ids', () => {
  test('an id is 32 lowercase hex digits, so ids of every version parse alike', () => {
    const id = newJobId(T);
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.ok(isJobId(id));
    assert.ok(isJobId(randomBytes(16).toString('hex')), 'an earlier random id still parses');
  });

  test('a newer job sorts first: ids ascend as start times descend, whatever their random part', () => {
    const ids = [T, T + 1, T + 1000, T + 86_400_000].map((ms) => newJobId(ms));
    assert.deepEqual([...ids].sort(), [...ids].reverse());
  });

  test('two ids of the same millisecond differ (80 random bits) and share the 12-digit time prefix', () => {
    const [a, b] = [newJobId(T), newJobId(T)];
    assert.notEqual(a, b);
    assert.equal(a.slice(0, 12), toJobIdPrefix(T));
    assert.equal(b.slice(0, 12), toJobIdPrefix(T));
  });

  test('the id range of [from, to) holds the ids started at from and at to - 1, and not those at from - 1 or at to', () => {
    const range = toJobIdRange(T, T + 60_000);
    for (let n = 0; n < 20; n++) {
      assert.ok(inRange(newJobId(T), range));
      assert.ok(inRange(newJobId(T + 59_999), range));
      assert.ok(!inRange(newJobId(T - 1), range));
      assert.ok(!inRange(newJobId(T + 60_000), range));
    }
  });

  test('a time no id can hold is refused', () => {
    assert.throws(() => toJobIdPrefix(-1), RangeError);
    assert.throws(() => toJobIdPrefix(MAX_JOB_ID_TIME + 1), RangeError);
    assert.equal(toJobIdPrefix(MAX_JOB_ID_TIME), '000000000000');
    assert.equal(toJobIdPrefix(0), 'ffffffffffff');
  });

  test('a list is one page of the store over the id range of its time range, the filters passed on', async () => {
    const seen: { query: JobListQuery; top: number }[] = [];
    const store = { listPage: (query: JobListQuery, top: number) => (seen.push({ query, top }), Promise.resolve({ jobs: [] })) };
    await listJobs(store, { from: T, to: T + 1000, status: 'succeeded', clientTrackingId: 'c1' }, 7);
    assert.equal(seen.length, 1);
    assert.deepEqual(seen[0], { query: { firstId: toJobIdRange(T, T + 1000).first, lastId: toJobIdRange(T, T + 1000).last, status: 'succeeded', clientTrackingId: 'c1' }, top: 7 });
  });
});
