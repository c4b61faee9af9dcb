import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Job } from '../../../../shared/model/Job';
import { writeJob } from '../../../../shared/jobs/lifecycle/writeJob';
import { FakeJobRows, aJob } from './fakeJobRows';

const job = aJob();
const ID = job.id;
/** Our change: one more token. */
const addToken = (j: Job): Job => ({ ...j, tokenHashes: [...j.tokenHashes, 'ours'] });
/** Another writer's change: a cancel request. */
const otherCancels = (j: Job): Job => ({ ...j, cancelRequested: true });

describe('writeJob: the one ETag-conditional write of a job', () => {
  test('a job already read is written with one conditional replace and no read', async () => {
    const rows = new FakeJobRows(job);
    const written = await writeJob(rows, rows.row(ID)!, addToken);
    assert.equal(written.kind, 'written');
    assert.deepEqual(rows.calls, ['replace']);
    assert.deepEqual(rows.row(ID)?.job.tokenHashes, ['hash-1', 'ours']);
    assert.equal(written.kind === 'written' && written.stored.etag, rows.row(ID)?.etag, 'the outcome carries the new ETag');
  });

  test('a job named by its id is read first, then written', async () => {
    const rows = new FakeJobRows(job);
    assert.equal((await writeJob(rows, ID, addToken)).kind, 'written');
    assert.deepEqual(rows.calls, ['get', 'replace']);
  });

  test('a lost race (412) re-reads the row and applies the change again on top of the other write', async () => {
    const rows = new FakeJobRows(job);
    rows.interfere([otherCancels]);
    const written = await writeJob(rows, rows.row(ID)!, addToken);
    assert.equal(written.kind, 'written');
    assert.deepEqual(rows.calls, ['replace', 'get', 'replace']);
    assert.equal(rows.row(ID)?.job.cancelRequested, true, "the other writer's change stands");
    assert.deepEqual(rows.row(ID)?.job.tokenHashes, ['hash-1', 'ours']);
  });

  test('two lost races in a row: two re-reads, and the third write lands', async () => {
    const rows = new FakeJobRows(job);
    rows.interfere([otherCancels, (j) => ({ ...j, progress: 70 })]);
    assert.equal((await writeJob(rows, ID, addToken)).kind, 'written');
    assert.deepEqual(rows.calls, ['get', 'replace', 'get', 'replace', 'get', 'replace']);
    assert.deepEqual(rows.row(ID)?.job, { ...job, cancelRequested: true, progress: 70, tokenHashes: ['hash-1', 'ours'] });
  });

  test('a job that does not exist is missing, and nothing is written', async () => {
    const rows = new FakeJobRows();
    assert.deepEqual(await writeJob(rows, ID, addToken), { kind: 'missing' });
    assert.deepEqual(rows.calls, ['get']);
  });

  test('a job deleted after the lost race is missing', async () => {
    const rows = new FakeJobRows(job);
    rows.interfere([otherCancels]);
    rows.interfere([() => undefined], 'get');
    assert.deepEqual(await writeJob(rows, rows.row(ID)!, addToken), { kind: 'missing' });
    assert.deepEqual(rows.calls, ['replace', 'get']);
  });

  test('a change that leaves the job as it is writes nothing', async () => {
    const rows = new FakeJobRows(job);
    const stored = rows.row(ID)!;
    assert.deepEqual(await writeJob(rows, stored, () => undefined), { kind: 'unchanged', stored });
    assert.deepEqual(rows.calls, []);
  });

  test('after a lost race the change is asked again: a row another writer ended is left unchanged', async () => {
    const rows = new FakeJobRows(job);
    rows.interfere([(j) => ({ ...j, status: 'cancelled' })]);
    const written = await writeJob(rows, rows.row(ID)!, (j) => (j.status === 'running' ? addToken(j) : undefined));
    assert.equal(written.kind, 'unchanged');
    assert.equal(written.kind === 'unchanged' && written.stored.job.status, 'cancelled');
    assert.deepEqual(rows.calls, ['replace', 'get']);
  });

  test('the decision sees the fresh row and the one the write was based on, and may stop the write', async () => {
    const rows = new FakeJobRows(job);
    const first = rows.row(ID)!;
    rows.interfere([otherCancels]);
    const seen: [Job, Job][] = [];
    const written = await writeJob(rows, first, addToken, (fresh, stale) => {
      seen.push([fresh.job, stale.job]);
      return fresh.job.cancelRequested ? 'cancelled' : undefined;
    });
    assert.deepEqual(written, { kind: 'stopped', stop: 'cancelled', stored: rows.row(ID) });
    assert.deepEqual(seen, [[{ ...job, cancelRequested: true }, job]]);
    assert.deepEqual(rows.calls, ['replace', 'get']);
    assert.deepEqual(rows.row(ID)?.job.tokenHashes, ['hash-1'], 'the stopped write never landed');
  });

  test('a decision of undefined applies the change again', async () => {
    const rows = new FakeJobRows(job);
    rows.interfere([otherCancels]);
    const written = await writeJob(rows, ID, addToken, () => undefined);
    assert.equal(written.kind, 'written');
    assert.deepEqual(rows.calls, ['get', 'replace', 'get', 'replace']);
  });

  test('a storage error other than a lost race is thrown, without a re-read', async () => {
    const rows = new FakeJobRows(job);
    rows.failNextReplace = Object.assign(new Error('Server Busy'), { statusCode: 503 });
    await assert.rejects(writeJob(rows, rows.row(ID)!, addToken), /Server Busy/);
    assert.deepEqual(rows.calls, ['replace']);
  });
});
