import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job, JobStatus } from '../../../../shared/model/Job';
import { CANCELLED, kindFailure, unexpectedFailure } from '../../../../shared/model/JobFailure';
import { nextJob, type JobTransition } from '../../../../shared/jobs/lifecycle/nextJob';
import { AT, aJob } from './fakeJobRows';

const STATUSES: readonly JobStatus[] = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
const STATE = { inline: '{"baked":3}' };
const RESULT = { inline: '{"flavor":"lemon"}' };
const FAILURE = kindFailure(422, 'The flavor is not on the menu.');

/** The job in `status` with `set` changed and `cleared` removed: the expected next job, spelled out. */
function changed(status: JobStatus, set: Partial<Job>, cleared: readonly (keyof Job)[] = []): Job {
  const job: Record<string, unknown> = { ...aJob({ status }), ...set };
  for (const key of cleared) delete job[key];
  return job as unknown as Job;
}

const ENDING_CLEARS = ['lastError', 'failedAttempts'] as const;

/** transition -> expected next job per live status; every terminal status expects undefined. */
const TABLE: readonly { transition: JobTransition; queued: Job | undefined; running: Job | undefined }[] = [
  {
    transition: { type: 'markRunning', runnerId: 'runner-1' },
    queued: changed('queued', { status: 'running', runnerId: 'runner-1', updatedAt: AT }),
    running: undefined,
  },
  {
    transition: { type: 'checkpoint', runnerId: 'runner-1', state: STATE, progress: 42.6 },
    queued: changed('queued', { status: 'running', state: STATE, progress: 43, step: 3, runnerId: 'runner-1', updatedAt: AT }),
    running: changed('running', { state: STATE, progress: 43, step: 3, runnerId: 'runner-1', updatedAt: AT }),
  },
  {
    transition: { type: 'succeed', result: RESULT },
    queued: changed('queued', { status: 'succeeded', result: RESULT, progress: 100, updatedAt: AT, completedAt: AT }, ENDING_CLEARS),
    running: changed('running', { status: 'succeeded', result: RESULT, progress: 100, updatedAt: AT, completedAt: AT }, ENDING_CLEARS),
  },
  {
    transition: { type: 'fail', failure: FAILURE },
    queued: changed('queued', { status: 'failed', error: FAILURE, updatedAt: AT, completedAt: AT }, ENDING_CLEARS),
    running: changed('running', { status: 'failed', error: FAILURE, updatedAt: AT, completedAt: AT }, ENDING_CLEARS),
  },
  {
    transition: { type: 'endCancelled' },
    queued: changed('queued', { status: 'cancelled', error: CANCELLED, updatedAt: AT, completedAt: AT }, ENDING_CLEARS),
    running: changed('running', { status: 'cancelled', error: CANCELLED, updatedAt: AT, completedAt: AT }, ENDING_CLEARS),
  },
  {
    transition: { type: 'requestCancel' },
    queued: changed('queued', { status: 'cancelled', cancelRequested: true, error: CANCELLED, updatedAt: AT, completedAt: AT }),
    running: changed('running', { cancelRequested: true, updatedAt: AT }),
  },
  {
    transition: { type: 'unsubscribe' },
    queued: changed('queued', { status: 'cancelled', cancelRequested: true, unsubscribed: true, error: CANCELLED, updatedAt: AT, completedAt: AT }),
    running: changed('running', { cancelRequested: true, unsubscribed: true, updatedAt: AT }),
  },
  {
    transition: { type: 'poison', attempts: 5 },
    queued: changed('queued', { status: 'failed', error: unexpectedFailure('The worker failed 2 times. Last error: Error: boom'), updatedAt: AT, completedAt: AT }, ENDING_CLEARS),
    running: changed('running', { status: 'failed', error: unexpectedFailure('The worker failed 2 times. Last error: Error: boom'), updatedAt: AT, completedAt: AT }, ENDING_CLEARS),
  },
  {
    transition: { type: 'recordAttemptError', message: 'TypeError: nope', attempt: 3 },
    queued: changed('queued', { lastError: 'TypeError: nope', failedAttempts: 3, updatedAt: AT }),
    running: changed('running', { lastError: 'TypeError: nope', failedAttempts: 3, updatedAt: AT }),
  },
];

describe('nextJob: the job state machine', () => {
  for (const row of TABLE) {
    for (const status of STATUSES) {
      const expected = status === 'queued' ? row.queued : status === 'running' ? row.running : undefined;
      test(`${row.transition.type} from ${status} gives ${expected ? expected.status : 'no change'}`, () => {
        const job = Object.freeze(aJob({ status }));
        assert.deepEqual(nextJob(job, row.transition, AT), expected);
      });
    }
  }

  test('a cancel already requested is not requested again (cancel is idempotent)', () => {
    assert.equal(nextJob(aJob({ cancelRequested: true }), { type: 'requestCancel' }, AT), undefined);
  });

  test('an unsubscribe of a running job whose cancel was already requested still withholds the callback', () => {
    assert.equal(nextJob(aJob({ cancelRequested: true }), { type: 'unsubscribe' }, AT)?.unsubscribed, true);
  });

  test('a checkpoint without progress keeps the last progress; progress is clamped to 0..100', () => {
    const checkpoint = (progress?: number): JobTransition => ({ type: 'checkpoint', runnerId: 'r', state: STATE, ...(progress !== undefined ? { progress } : {}) });
    assert.equal(nextJob(aJob({ progress: 20 }), checkpoint(), AT)?.progress, 20);
    assert.equal(nextJob(aJob(), checkpoint(-5), AT)?.progress, 0);
    assert.equal(nextJob(aJob(), checkpoint(140), AT)?.progress, 100);
  });

  test('a checkpoint message replaces the last one and is cut to 200 characters; a checkpoint without one keeps it, and so does the ending', () => {
    const checkpoint = (message?: string): JobTransition => ({ type: 'checkpoint', runnerId: 'r', state: STATE, progress: 10, ...(message !== undefined ? { message } : {}) });
    assert.equal(nextJob(aJob({ message: 'old' }), checkpoint('Step 2 of 5'), AT)?.message, 'Step 2 of 5');
    assert.equal(nextJob(aJob({ message: 'old' }), checkpoint(), AT)?.message, 'old');
    assert.equal(nextJob(aJob(), checkpoint('x'.repeat(250)), AT)?.message, 'x'.repeat(200));
    assert.equal(nextJob(aJob({ message: 'Step 5 of 5' }), { type: 'succeed', result: RESULT }, AT)?.message, 'Step 5 of 5');
  });

  test('an ending clears an earlier failure; a success keeps no error at all', () => {
    const job = aJob({ error: unexpectedFailure('old') });
    assert.equal(nextJob(job, { type: 'succeed', result: RESULT }, AT)?.error, undefined);
    assert.deepEqual(nextJob(job, { type: 'fail', failure: FAILURE }, AT)?.error, FAILURE);
  });

  test('a poisoned job the worker never recorded an error for names the given attempts and no last error', () => {
    const job = aJob({ lastError: undefined, failedAttempts: undefined });
    assert.deepEqual(nextJob(job, { type: 'poison', attempts: 5 }, AT)?.error, unexpectedFailure('The worker failed 5 times.'));
  });

  test("an attempt's error is kept to its first 500 characters", () => {
    assert.equal(nextJob(aJob(), { type: 'recordAttemptError', message: 'x'.repeat(800), attempt: 1 }, AT)?.lastError, 'x'.repeat(500));
  });
});
