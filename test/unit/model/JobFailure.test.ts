import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CANCELLED, kindFailure, toJobFailure, unexpectedFailure } from '../../../shared/model/JobFailure';

// What the engines retry (logic-apps-exception-handling): a failed job must never answer one of these.
const isRetried = (status: number) => status === 408 || status === 429 || status >= 500;

describe('job failures', () => {
  test("a kind's own 4xx stays as it is, with the kind as its cause", () => {
    for (const status of [400, 404, 409, 410, 422, 424, 451]) {
      assert.deepEqual(kindFailure(status, 'wrong input', 'Rejected'), { status, title: 'Rejected', detail: 'wrong input', cause: 'kind' });
    }
  });

  test("a kind's 408 or 429 becomes 422: the engines would retry them", () => {
    assert.equal(kindFailure(408, 'slow').status, 422);
    assert.equal(kindFailure(429, 'busy').status, 422);
    assert.equal(kindFailure(429, 'busy').detail, 'busy');
  });

  test('a failure the kind did not choose is 424 Failed Dependency, with the unexpected cause', () => {
    assert.deepEqual(unexpectedFailure('boom'), { status: 424, title: 'Job failed', detail: 'boom', cause: 'unexpected' });
    assert.equal(unexpectedFailure('late', 'Job timed out').title, 'Job timed out');
  });

  test('a row written before 424 existed (status 500, no cause) reads as an unexpected 424, detail kept', () => {
    assert.deepEqual(toJobFailure({ status: 500, title: 'Job failed', detail: 'The worker failed 5 times.' }, 'failed'), {
      status: 424,
      title: 'Job failed',
      detail: 'The worker failed 5 times.',
      cause: 'unexpected',
    });
  });

  test("an older row's 4xx reads as the kind's failure, its 429 as 422", () => {
    assert.deepEqual(toJobFailure({ status: 422, title: 'Cake burned', detail: 'burned' }, 'failed'), { status: 422, title: 'Cake burned', detail: 'burned', cause: 'kind' });
    assert.equal(toJobFailure({ status: 429, title: 'Busy', detail: 'busy' }, 'failed').status, 422);
  });

  test("a kind's own 424 stays the kind's: the stored cause decides, not the status", () => {
    assert.equal(toJobFailure(kindFailure(424, 'upstream said no'), 'failed').cause, 'kind');
    assert.equal(toJobFailure(unexpectedFailure('boom'), 'failed').cause, 'unexpected');
  });

  test('a cancelled job reads as the cancel (409), whatever its row says; a failed one with an unreadable error as 424', () => {
    assert.deepEqual(toJobFailure(undefined, 'cancelled'), CANCELLED);
    assert.deepEqual(toJobFailure({ status: 409, title: 'Job cancelled', detail: 'The job was cancelled.' }, 'cancelled'), CANCELLED);
    assert.deepEqual(toJobFailure({ nonsense: true }, 'failed'), unexpectedFailure('The job failed.'));
    assert.deepEqual(toJobFailure(undefined, 'failed'), unexpectedFailure('The job failed.'));
  });

  test('no stored status from 400 to 599, with or without a cause, reads as one the engines retry', () => {
    for (let status = 400; status < 600; status++) {
      for (const cause of [undefined, 'kind', 'unexpected'] as const) {
        const read = toJobFailure({ status, title: 't', detail: 'd', ...(cause ? { cause } : {}) }, 'failed');
        assert.ok(!isRetried(read.status), `${status}/${cause ?? 'none'} read as ${read.status}`);
      }
    }
  });
});
