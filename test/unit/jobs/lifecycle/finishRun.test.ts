import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StoredPayload } from '../../../../shared/model/Job';
import { CANCELLED, kindFailure } from '../../../../shared/model/JobFailure';
import { JobRun } from '../../../../shared/jobs/lifecycle/JobRun';
import { finishRun } from '../../../../shared/jobs/lifecycle/finishRun';
import { AT, FakeJobRows, aJob } from './fakeJobRows';

const ID = aJob().id;

function setUp(fields: Parameters<typeof aJob>[0] = {}) {
  const rows = new FakeJobRows(aJob(fields));
  const run = new JobRun(rows, rows.row(ID)!, () => AT);
  const puts: string[] = [];
  const enqueued: unknown[] = [];
  const stores = {
    payloads: { put: (name: string, json: string | Buffer): Promise<StoredPayload> => (puts.push(name), Promise.resolve({ inline: json.toString() })) },
    queue: { enqueue: (message: { jobId: string }) => (enqueued.push(message), Promise.resolve()) },
  };
  return { rows, run, puts, enqueued, finish: (step: Parameters<typeof finishRun>[2]) => finishRun(stores, run, step) };
}

describe("finishRun: the worker's last step, written", () => {
  test("a success stores the result under the runner's name and ends the job in one write", async () => {
    const { rows, run, puts, finish } = setUp();
    const outcome = await finish({ kind: 'succeeded', output: { flavor: 'lemon' } });
    assert.deepEqual(puts, [`jobs/${ID}/result-${run.runnerId}.json`]);
    assert.equal(outcome.kind, 'ended');
    assert.deepEqual(outcome.kind === 'ended' && [outcome.job.status, outcome.job.result, outcome.job.progress], ['succeeded', { inline: '{"flavor":"lemon"}' }, 100]);
    assert.deepEqual(rows.calls, ['replace']);
  });

  test('a failure and a cancel end the job with their failure', async () => {
    const failure = kindFailure(422, 'burned');
    const failed = await setUp().finish({ kind: 'failed', failure });
    assert.deepEqual(failed.kind === 'ended' && [failed.job.status, failed.job.error], ['failed', failure]);
    const cancelled = await setUp().finish({ kind: 'cancelled' });
    assert.deepEqual(cancelled.kind === 'ended' && [cancelled.job.status, cancelled.job.error], ['cancelled', CANCELLED]);
  });

  test('a success that finds a cancel requested meanwhile ends the job cancelled instead', async () => {
    const { rows, finish } = setUp();
    rows.interfere([(j) => ({ ...j, cancelRequested: true })]);
    const outcome = await finish({ kind: 'succeeded', output: {} });
    assert.deepEqual(outcome.kind === 'ended' && [outcome.job.status, outcome.job.result], ['cancelled', undefined]);
    assert.deepEqual(rows.calls, ['replace', 'get', 'replace']);
  });

  test('an end that finds the job ended by someone else answers alreadyEnded with their job', async () => {
    const { rows, finish } = setUp();
    rows.interfere([(j) => ({ ...j, status: 'cancelled', error: CANCELLED })]);
    const outcome = await finish({ kind: 'failed', failure: kindFailure(422, 'x') });
    assert.deepEqual(outcome, { kind: 'alreadyEnded', job: rows.row(ID)?.job });
  });

  test('an end that finds another runner owning the job is skipped as superseded', async () => {
    const { rows, finish } = setUp();
    rows.interfere([(j) => ({ ...j, step: 9, runnerId: 'runner-other' })]);
    assert.deepEqual(await finish({ kind: 'succeeded', output: {} }), { kind: 'skipped', reason: 'superseded' });
  });

  test('a used-up slice re-enqueues the job and writes nothing to its row', async () => {
    const { rows, enqueued, finish } = setUp();
    assert.deepEqual(await finish({ kind: 'sliceEnded' }), { kind: 'continued' });
    assert.deepEqual(enqueued, [{ jobId: ID }]);
    assert.deepEqual(rows.calls, []);
  });

  test('a superseded run and a job ended elsewhere write nothing', async () => {
    const { rows, finish } = setUp();
    assert.deepEqual(await finish({ kind: 'superseded' }), { kind: 'skipped', reason: 'superseded' });
    const ended = aJob({ status: 'cancelled' });
    assert.deepEqual(await finish({ kind: 'ended', job: ended }), { kind: 'alreadyEnded', job: ended });
    assert.deepEqual(rows.calls, []);
  });
});
