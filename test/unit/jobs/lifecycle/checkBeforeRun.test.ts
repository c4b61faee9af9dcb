import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { defineJob } from '../../../../shared/jobs/defineJob';
import { unexpectedFailure } from '../../../../shared/model/JobFailure';
import { checkBeforeRun } from '../../../../shared/jobs/lifecycle/checkBeforeRun';
import { aJob } from './fakeJobRows';

const bake = defineJob({ name: 'bake', summary: 'Bake', input: z.object({}), output: z.object({}), timeoutSeconds: 60, run: () => Promise.resolve({}) });
const created = Date.parse(aJob().createdAt);

describe("checkBeforeRun: the worker's first step on a live job", () => {
  test('a job of a served kind, not cancelled, within its time limit is run', () => {
    assert.deepEqual(checkBeforeRun(aJob(), [bake], created + 60_000), { kind: 'run', jobKind: bake });
  });

  test('a kind this app no longer serves fails the job with 424', () => {
    assert.deepEqual(checkBeforeRun(aJob({ kind: 'gone' }), [bake], created), {
      kind: 'failed',
      failure: unexpectedFailure('Job kind "gone" is not served by this app.'),
    });
  });

  test('a requested cancel ends the job cancelled without running it', () => {
    assert.deepEqual(checkBeforeRun(aJob({ cancelRequested: true }), [bake], created), { kind: 'cancelled' });
  });

  test('a job past its time limit fails as timed out without running', () => {
    assert.deepEqual(checkBeforeRun(aJob(), [bake], created + 60_001), {
      kind: 'failed',
      failure: unexpectedFailure('The job ran past its time limit of 60 seconds.', 'Job timed out'),
    });
  });

  test('the checks go in order: kind not served, then cancel, then time limit', () => {
    const late = created + 120_000;
    assert.equal(checkBeforeRun(aJob({ kind: 'gone', cancelRequested: true }), [bake], late).kind, 'failed');
    assert.equal(checkBeforeRun(aJob({ cancelRequested: true }), [bake], late).kind, 'cancelled');
  });
});
