import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CANCELLED, unexpectedFailure } from '../../../../shared/model/JobFailure';
import { JobRun } from '../../../../shared/jobs/lifecycle/JobRun';
import type { JobTransition } from '../../../../shared/jobs/lifecycle/nextJob';
import { AT, FakeJobRows, aJob } from './fakeJobRows';

const ID = aJob().id;
const STATE = { inline: '{"baked":3}' };
const checkpoint: JobTransition = { type: 'checkpoint', runnerId: 'set-below', state: STATE };

function startRun(fields: Parameters<typeof aJob>[0] = {}) {
  const rows = new FakeJobRows(aJob(fields));
  const run = new JobRun(rows, rows.row(ID)!, () => AT);
  return { rows, run, checkpoint: { ...checkpoint, runnerId: run.runnerId } };
}

describe('JobRun: one invocation writing its job', () => {
  test('writes are applied one after another, each on the row the previous one left', async () => {
    const { rows, run, checkpoint } = startRun({ status: 'queued', step: 0 });
    const [mark, saved] = await Promise.all([run.commit({ type: 'markRunning', runnerId: run.runnerId }), run.commit(checkpoint)]);
    assert.equal(mark.kind === 'committed' && mark.job.status, 'running');
    assert.equal(saved.kind === 'committed' && saved.job.step, 1);
    assert.deepEqual(rows.calls, ['replace', 'replace'], 'no lost race between its own writes');
    assert.equal(run.job.step, 1);
  });

  test('a running mark on a job already running writes nothing', async () => {
    const { rows, run } = startRun();
    assert.equal((await run.commit({ type: 'markRunning', runnerId: run.runnerId })).kind, 'committed');
    assert.deepEqual(rows.calls, []);
  });

  test('a cancel the run already knows of stops its progress without a call, but not its endings', async () => {
    for (const transition of [{ type: 'markRunning', runnerId: 'r' }, checkpoint, { type: 'succeed', result: STATE }] as JobTransition[]) {
      const { rows, run } = startRun({ cancelRequested: true });
      assert.deepEqual(await run.commit(transition), { kind: 'stopped', stop: { reason: 'cancelled' } }, transition.type);
      assert.deepEqual(rows.calls, []);
    }
    const ending: JobTransition[] = [{ type: 'endCancelled' }, { type: 'fail', failure: unexpectedFailure('x') }, { type: 'recordAttemptError', message: 'x', attempt: 1 }];
    for (const transition of ending) {
      const { rows, run } = startRun({ cancelRequested: true });
      assert.equal((await run.commit(transition)).kind, 'committed', transition.type);
      assert.deepEqual(rows.calls, ['replace']);
    }
  });

  test('a checkpoint that loses its race to a cancel stops; the cancelled ending then lands on the fresh row at once', async () => {
    const { rows, run, checkpoint } = startRun();
    rows.interfere([(j) => ({ ...j, cancelRequested: true })]);
    assert.deepEqual(await run.commit(checkpoint), { kind: 'stopped', stop: { reason: 'cancelled' } });
    const ended = await run.commit({ type: 'endCancelled' });
    assert.equal(ended.kind === 'committed' && ended.job.status, 'cancelled');
    assert.deepEqual(ended.kind === 'committed' && ended.job.error, CANCELLED);
    assert.deepEqual(rows.calls, ['replace', 'get', 'replace']);
  });

  test('an ending that loses its race to a cancel request is written anyway, on the fresh row', async () => {
    const { rows, run } = startRun();
    rows.interfere([(j) => ({ ...j, cancelRequested: true })]);
    const failure = unexpectedFailure('boom');
    const ended = await run.commit({ type: 'fail', failure });
    assert.equal(ended.kind === 'committed' && ended.job.status, 'failed');
    assert.equal(rows.row(ID)?.job.cancelRequested, true);
    assert.deepEqual(rows.calls, ['replace', 'get', 'replace']);
  });

  test('a lost race to an ending stops the run with the ended job', async () => {
    const { rows, run, checkpoint } = startRun();
    rows.interfere([(j) => ({ ...j, status: 'cancelled', completedAt: AT })]);
    const stopped = await run.commit(checkpoint);
    assert.deepEqual(stopped, { kind: 'stopped', stop: { reason: 'ended', job: rows.row(ID)?.job } });
  });

  test("a superseded run never writes over the other runner's row", async () => {
    const { rows, run, checkpoint } = startRun();
    rows.interfere([(j) => ({ ...j, step: 3, runnerId: 'runner-other' })]);
    assert.deepEqual(await run.commit(checkpoint), { kind: 'stopped', stop: { reason: 'superseded' } });
    const theirs = rows.row(ID);
    assert.deepEqual(await run.commit({ type: 'succeed', result: STATE }), { kind: 'stopped', stop: { reason: 'superseded' } });
    assert.equal(rows.row(ID), theirs, 'the row is still the other runner’s');
  });

  test('a row deleted meanwhile (retention) stops the run as superseded', async () => {
    const { rows, run, checkpoint } = startRun();
    rows.interfere([(j) => ({ ...j, tokenHashes: ['h2'] })]);
    rows.interfere([() => undefined], 'get');
    assert.deepEqual(await run.commit(checkpoint), { kind: 'stopped', stop: { reason: 'superseded' } });
  });

  test('a lost race to a token added by a replay is applied again on top', async () => {
    const { rows, run, checkpoint } = startRun();
    rows.interfere([(j) => ({ ...j, tokenHashes: [...j.tokenHashes, 'replay'] })]);
    const saved = await run.commit(checkpoint);
    assert.equal(saved.kind, 'committed');
    assert.deepEqual(rows.row(ID)?.job.tokenHashes, ['hash-1', 'replay']);
    assert.equal(rows.row(ID)?.job.step, 3);
  });

  test('a storage error is thrown to the caller and does not block the writes after it', async () => {
    const { rows, run, checkpoint } = startRun();
    rows.failNextReplace = Object.assign(new Error('Server Busy'), { statusCode: 503 });
    const failed = run.commit(checkpoint);
    const next = run.commit(checkpoint);
    await assert.rejects(failed, /Server Busy/);
    assert.equal((await next).kind, 'committed');
  });

  test('the first move to running records when the run started (the pace\'s origin) in the same write, and later writes keep it', async () => {
    const times = ['2030-01-02T00:00:00.000Z', '2030-01-02T00:00:01.000Z', '2030-01-02T00:00:02.000Z'];
    const rows = new FakeJobRows(aJob({ status: 'queued', step: 0, progress: undefined }));
    const run = new JobRun(rows, rows.row(ID)!, () => times.shift() ?? 'never');
    await run.commit({ type: 'checkpoint', runnerId: run.runnerId, state: STATE, progress: 10 });
    assert.equal(rows.row(ID)?.job.startedAt, '2030-01-02T00:00:00.000Z');
    assert.equal(rows.row(ID)?.job.updatedAt, '2030-01-02T00:00:01.000Z');
    await run.commit({ type: 'checkpoint', runnerId: run.runnerId, state: STATE, progress: 20 });
    assert.equal(rows.row(ID)?.job.startedAt, '2030-01-02T00:00:00.000Z');
    assert.deepEqual(rows.calls, ['replace', 'replace'], 'no write of its own');
  });
});
