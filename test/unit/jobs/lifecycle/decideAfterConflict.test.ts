import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decideAfterConflict } from '../../../../shared/jobs/lifecycle/decideAfterConflict';
import { aJob } from './fakeJobRows';

const MINE = 'runner-mine';
const stale = aJob({ step: 2, runnerId: MINE });

describe("decideAfterConflict: a run's decision after a lost race", () => {
  test('someone ended the job: the run stops with the ended job, whether or not its write yields to a cancel', () => {
    for (const status of ['succeeded', 'failed', 'cancelled'] as const) {
      const fresh = aJob({ status, step: 2, runnerId: MINE, cancelRequested: true });
      assert.deepEqual(decideAfterConflict(stale, fresh, MINE, true), { reason: 'ended', job: fresh });
      assert.deepEqual(decideAfterConflict(stale, fresh, MINE, false), { reason: 'ended', job: fresh });
    }
  });

  test('another runner checkpointed past the step this run knew: superseded', () => {
    assert.deepEqual(decideAfterConflict(stale, aJob({ step: 3, runnerId: 'runner-other' }), MINE, false), { reason: 'superseded' });
  });

  test("another runner's row at the same step, or this run's own later step, is not a takeover", () => {
    assert.equal(decideAfterConflict(stale, aJob({ step: 2, runnerId: 'runner-other' }), MINE, true), undefined);
    assert.equal(decideAfterConflict(stale, aJob({ step: 3, runnerId: MINE }), MINE, true), undefined);
  });

  test('a requested cancel stops a write that yields to it, and not one that ends the job anyway', () => {
    const fresh = aJob({ step: 2, runnerId: MINE, cancelRequested: true });
    assert.deepEqual(decideAfterConflict(stale, fresh, MINE, true), { reason: 'cancelled' });
    assert.equal(decideAfterConflict(stale, fresh, MINE, false), undefined);
  });

  test('a takeover wins over a requested cancel: the other runner owns the job and its cancel', () => {
    assert.deepEqual(decideAfterConflict(stale, aJob({ step: 5, runnerId: 'runner-other', cancelRequested: true }), MINE, true), { reason: 'superseded' });
  });

  test('anything else (a token added by a replay) applies the write again', () => {
    assert.equal(decideAfterConflict(stale, aJob({ step: 2, runnerId: MINE, tokenHashes: ['hash-1', 'hash-2'] }), MINE, true), undefined);
  });
});
