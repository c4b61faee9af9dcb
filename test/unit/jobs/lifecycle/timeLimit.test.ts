import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { defineJob } from '../../../../shared/jobs/defineJob';
import { isPastTimeLimit, timeLimitFailure } from '../../../../shared/jobs/lifecycle/timeLimit';
import { aJob } from './fakeJobRows';

const kind = defineJob({ name: 'bake', summary: 'Bake', input: z.object({}), output: z.object({}), timeoutSeconds: 30, run: () => Promise.resolve({}) });

describe("timeLimit: a job's timeoutSeconds", () => {
  test('a job is past its limit only once more than timeoutSeconds have passed since it was created', () => {
    const created = Date.parse(aJob().createdAt);
    assert.equal(isPastTimeLimit(aJob(), kind, created + 30_000), false);
    assert.equal(isPastTimeLimit(aJob(), kind, created + 30_001), true);
  });

  test('a timed-out job fails with 424, a failure the kind did not choose, naming the limit', () => {
    assert.deepEqual(timeLimitFailure(kind), { status: 424, title: 'Job timed out', detail: 'The job ran past its time limit of 30 seconds.', cause: 'unexpected' });
  });
});
