import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job } from '../../../shared/model/Job';
import { MAX_PACED_POLL_SECONDS, MIN_PACED_POLL_SECONDS, toPollAfterSeconds } from '../../../shared/jobs/toPollAfterSeconds';

const T0 = Date.parse('2030-01-01T00:00:00.000Z');
const iso = (ms: number): string => new Date(T0 + ms).toISOString();
const KIND = { pollAfterSeconds: 5, timeoutSeconds: 86_400 };

function job(fields: Partial<Job> = {}): Job {
  return {
    id: 'a'.repeat(32),
    kind: 'bake',
    status: 'running',
    tokenHashes: [],
    createdAt: iso(0),
    updatedAt: iso(0),
    startedAt: iso(0),
    input: { inline: '{}' },
    step: 0,
    cancelRequested: false,
    ...fields,
  };
}

/**
 * A job that checkpoints its progress once a second and ends after `seconds` (plus the queue's
 * pickup), polled as the engines poll: the start answers the kind's Retry-After, then each poll
 * waits the Retry-After it got. Returns the polls and how long after the end the last one came.
 */
function simulate(seconds: number, pickupMs = 300): { polls: number; lagMs: number } {
  const endMs = pickupMs + seconds * 1000;
  const rowAt = (now: number): Job => {
    if (now >= endMs) return job({ status: 'succeeded', progress: 100, updatedAt: iso(endMs), completedAt: iso(endMs), startedAt: iso(pickupMs) });
    if (now < pickupMs) return job({ status: 'queued', startedAt: undefined });
    const checkpoints = Math.floor((now - pickupMs) / 1000);
    if (checkpoints === 0) return job({ startedAt: iso(pickupMs), updatedAt: iso(pickupMs) });
    const progress = Math.round((checkpoints / seconds) * 100);
    return job({ progress, startedAt: iso(pickupMs), updatedAt: iso(pickupMs + checkpoints * 1000) });
  };
  let now = KIND.pollAfterSeconds * 1000;
  for (let polls = 1; ; polls++) {
    const row = rowAt(now);
    if (row.status === 'succeeded') return { polls, lagMs: now - endMs };
    now += toPollAfterSeconds(row, KIND, T0 + now) * 1000;
    if (polls > 1000) throw new Error('never ended');
  }
}

describe('toPollAfterSeconds: Retry-After from the job\'s pace', () => {
  test('a job without progress (queued, or a kind that reports none) answers the kind\'s pollAfterSeconds', () => {
    assert.equal(toPollAfterSeconds(job({ status: 'queued', startedAt: undefined }), KIND, T0 + 1000), 5);
    assert.equal(toPollAfterSeconds(job({ updatedAt: iso(60_000) }), KIND, T0 + 61_000), 5, 'running, no progress');
    assert.equal(toPollAfterSeconds(job({ progress: 0, updatedAt: iso(60_000) }), { ...KIND, pollAfterSeconds: 30 }, T0 + 61_000), 30);
  });

  test('a row written before startedAt existed keeps the kind\'s pollAfterSeconds', () => {
    assert.equal(toPollAfterSeconds(job({ progress: 50, startedAt: undefined, updatedAt: iso(10_000) }), KIND, T0 + 11_000), 5);
  });

  test('a job half done after 10 s is polled again when it should end, 10 s after its checkpoint', () => {
    assert.equal(toPollAfterSeconds(job({ progress: 50, updatedAt: iso(10_000) }), KIND, T0 + 10_000), 10);
    assert.equal(toPollAfterSeconds(job({ progress: 50, updatedAt: iso(10_000) }), KIND, T0 + 14_500), 6, 'counted from the checkpoint, not the poll');
  });

  test('the pace is bounded: 2 s when the end is near, 5 minutes for a slow job', () => {
    assert.equal(toPollAfterSeconds(job({ progress: 99, updatedAt: iso(99_000) }), KIND, T0 + 99_500), MIN_PACED_POLL_SECONDS);
    assert.equal(toPollAfterSeconds(job({ progress: 100, updatedAt: iso(99_000) }), KIND, T0 + 99_500), MIN_PACED_POLL_SECONDS);
    assert.equal(toPollAfterSeconds(job({ progress: 1, updatedAt: iso(60_000) }), KIND, T0 + 60_000), MAX_PACED_POLL_SECONDS);
  });

  test('a job later than its pace said is polled after half its delay, never more often than every 2 s', () => {
    assert.equal(toPollAfterSeconds(job({ progress: 50, updatedAt: iso(10_000) }), KIND, T0 + 21_000), 2, '1 s late');
    assert.equal(toPollAfterSeconds(job({ progress: 50, updatedAt: iso(10_000) }), KIND, T0 + 60_000), 20, '40 s late');
  });

  test('never past the kind\'s time limit: the job fails there', () => {
    const short = { pollAfterSeconds: 5, timeoutSeconds: 120 };
    assert.equal(toPollAfterSeconds(job({ progress: 10, updatedAt: iso(60_000) }), short, T0 + 60_000), 60);
  });

  for (const seconds of [5, 20, 60, 600, 3600]) {
    const most = seconds <= 60 ? 6 : Math.ceil(seconds / MAX_PACED_POLL_SECONDS) + 6;
    test(`a ${seconds}-s job with steady progress is polled at most ${most} times and seen ended within max(2 s, 15 %) of its length`, () => {
      const { polls, lagMs } = simulate(seconds);
      assert.ok(polls <= most, `${polls} polls`);
      assert.ok(lagMs <= Math.max(2000, seconds * 150), `seen ${lagMs} ms after the end`);
    });
  }
});
