import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { defineJob, type JobContext, type JobKind } from '../../../shared/jobs/defineJob';
import type { StoredPayload } from '../../../shared/model/Job';
import type { JobStores } from '../../../shared/storage/JobStores';
import { runJob } from '../../../shared/jobs/runJob';
import { FakeJobRows, aJob } from './lifecycle/fakeJobRows';

const ID = aJob().id;

function kindThat(run: (input: unknown, ctx: JobContext<unknown>) => Promise<unknown>): JobKind {
  return defineJob({ name: 'bake', summary: 'Bake', input: z.object({}), output: z.object({ flavor: z.string() }), run: run as () => Promise<{ flavor: string }> });
}

/** The job stores runJob uses, in memory: the jobs table, inline payloads and a queue that records. */
function storesWith(rows: FakeJobRows, deleteAll: (prefix: string) => Promise<number> = () => Promise.resolve(0)): JobStores {
  const payloads = {
    deleteAll,
    put: (_name: string, json: string | Buffer): Promise<StoredPayload> => Promise.resolve({ inline: json.toString() }),
    json: (payload: StoredPayload): Promise<unknown> => Promise.resolve(JSON.parse('inline' in payload ? payload.inline : 'null')),
  };
  return { jobs: rows, payloads, queue: { enqueue: () => Promise.resolve() } } as unknown as JobStores;
}

const live = () => aJob({ status: 'queued', step: 0, createdAt: new Date().toISOString(), lastError: undefined, failedAttempts: undefined });

describe('runJob: the worker pipeline for one message', () => {
  test('a missing job is skipped and a terminal one answered as already ended, without a write', async () => {
    const none = new FakeJobRows();
    assert.deepEqual(await runJob(storesWith(none), ID, { kinds: [], sliceSeconds: 240 }), { kind: 'skipped', reason: 'missing' });
    const ended = new FakeJobRows(aJob({ status: 'succeeded' }));
    assert.deepEqual(await runJob(storesWith(ended), ID, { kinds: [], sliceSeconds: 240 }), { kind: 'alreadyEnded', job: ended.row(ID)?.job });
    assert.deepEqual([...none.calls, ...ended.calls], ['get', 'get']);
  });

  test('a zero-work job goes from queued to succeeded in one read and one write', async () => {
    const rows = new FakeJobRows(live());
    const outcome = await runJob(storesWith(rows), ID, { kinds: [kindThat(() => Promise.resolve({ flavor: 'lemon' }))], sliceSeconds: 240 });
    assert.equal(outcome.kind === 'ended' && outcome.job.status, 'succeeded');
    assert.deepEqual(rows.calls, ['get', 'replace']);
  });

  test('an unexpected error is recorded on the row with the attempt, and rethrown for the host to retry', async () => {
    const rows = new FakeJobRows(live());
    const kinds = [kindThat(() => Promise.reject(new TypeError('oops')))];
    await assert.rejects(runJob(storesWith(rows), ID, { kinds, sliceSeconds: 240, attempt: 3 }), TypeError);
    const job = rows.row(ID)?.job;
    assert.deepEqual([job?.status, job?.lastError, job?.failedAttempts], ['queued', 'TypeError: oops', 3]);
  });

  test('when even the record fails, the original error is what the host sees', async () => {
    const rows = new FakeJobRows(live());
    rows.failNextReplace = Object.assign(new Error('Server Busy'), { statusCode: 503 });
    await assert.rejects(runJob(storesWith(rows), ID, { kinds: [kindThat(() => Promise.reject(new TypeError('oops')))], sliceSeconds: 240 }), TypeError);
  });

  test('a job whose run used scratch has its scratch blobs deleted once the end is written; a failed delete leaves the end as it is', async () => {
    const usesScratch = kindThat(async (_input, ctx) => {
      await ctx.scratch.put('run', ['{"key":"a"}']);
      return { flavor: 'lemon' };
    });
    for (const fails of [false, true]) {
      const rows = new FakeJobRows(live());
      const deleted: string[] = [];
      const deleteAll = (prefix: string) => (deleted.push(prefix), fails ? Promise.reject(new Error('storage down')) : Promise.resolve(1));
      const outcome = await runJob(storesWith(rows, deleteAll), ID, { kinds: [usesScratch], sliceSeconds: 240 });
      assert.equal(outcome.kind === 'ended' && outcome.job.status, 'succeeded');
      assert.deepEqual(deleted, [`jobs/${ID}/scratch-`]);
    }
    // A run that never touched scratch costs no storage call for it.
    const rows = new FakeJobRows(live());
    const deleted: string[] = [];
    await runJob(storesWith(rows, (prefix) => (deleted.push(prefix), Promise.resolve(0))), ID, { kinds: [kindThat(() => Promise.resolve({ flavor: 'lemon' }))], sliceSeconds: 240 });
    assert.deepEqual(deleted, []);
  });
});
