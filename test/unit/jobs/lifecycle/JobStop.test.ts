import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { JobStop, isJobStop } from '../../../../shared/jobs/lifecycle/JobStop';
import { aJob } from './fakeJobRows';

describe('JobStop: a stop unwinding the kind', () => {
  test('carries its stop and names the reason in its message', () => {
    const job = aJob({ status: 'cancelled' });
    const stop = new JobStop({ reason: 'ended', job });
    assert.deepEqual(stop.stop, { reason: 'ended', job });
    assert.equal(stop.message, 'job run stopped: ended');
    assert.equal(stop.name, 'JobStop');
  });

  test('is told apart from any other error', () => {
    assert.equal(isJobStop(new JobStop({ reason: 'sliceEnded' })), true);
    assert.equal(isJobStop(new Error('job run stopped: cancelled')), false);
    assert.equal(isJobStop({ stop: { reason: 'cancelled' } }), false);
  });
});
