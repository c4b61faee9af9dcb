import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Job } from '../../../shared/model/Job';
import { afterJobEnded } from '../../../shared/jobs/afterJobEnded';
import { publishJobCompleted } from '../../../shared/jobs/publishJobCompleted';
import { getLongrun } from '../../../shared/app/getLongrun';
import { startAzurite, type Azurite } from '../../support/azurite';
import { useAppEnv } from '../../support/appEnv';
import { feedRowKeys } from '../events/eventRequests';

function endedJob(overrides: Partial<Job> = {}): Job {
  return {
    id: randomBytes(16).toString('hex'),
    kind: 'bake',
    status: 'succeeded',
    tokenHashes: ['h'],
    createdAt: '2024-06-10T10:00:00.000Z',
    updatedAt: '2024-06-10T10:00:01.000Z',
    completedAt: '2024-06-10T10:00:01.000Z',
    progress: 100,
    input: { inline: '{"flavor":"vanilla","minutes":0}' },
    result: { inline: '{"flavor":"vanilla","bakedAt":"2024-06-10T10:00:01.000Z"}' },
    step: 1,
    cancelRequested: false,
    ...overrides,
  };
}

describe('job.completed (and job.failed) is published once per job (in process, real Azurite)', () => {
  let azurite: Azurite;
  before(async () => {
    azurite = await startAzurite();
    useAppEnv({ AzureWebJobsStorage: azurite.connectionString });
    await getLongrun();
  });
  after(async () => {
    await azurite.stop();
  });

  test('the event carries the envelope without the result', async () => {
    const job = endedJob();
    const event = await publishJobCompleted(await getLongrun(), job);
    assert.equal(event.type, 'job.completed');
    const stored = await (await getLongrun()).events.get('job.completed', event.id);
    assert.deepEqual(stored?.data, {
      id: job.id,
      kind: 'bake',
      status: 'succeeded',
      progress: 100,
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      completedAt: job.completedAt,
    });
  });

  test('publishing again for the same job (a retried worker message) answers the same event and adds no row', async () => {
    const job = endedJob({ status: 'failed', error: { status: 500, title: 'Job failed', detail: 'boom' }, result: undefined });
    const rowsBefore = (await feedRowKeys('job.completed')).length;
    const first = await publishJobCompleted(await getLongrun(), job);
    const again = await publishJobCompleted(await getLongrun(), job);
    assert.equal(again.id, first.id);
    assert.equal((await feedRowKeys('job.completed')).length, rowsBefore + 1);
  });

  test('a retried publish whose envelope reads differently (a deploy between the attempts) answers the first event, not a conflict', async () => {
    const job = endedJob({ status: 'failed', error: { status: 500, title: 'Job failed', detail: 'boom' }, result: undefined });
    const first = await publishJobCompleted(await getLongrun(), job);
    const again = await publishJobCompleted(await getLongrun(), { ...job, error: { status: 424, title: 'Job failed', detail: 'boom' } });
    assert.equal(again.id, first.id);
  });

  test('two jobs get two events', async () => {
    const a = await publishJobCompleted(await getLongrun(), endedJob());
    const b = await publishJobCompleted(await getLongrun(), endedJob({ status: 'cancelled' }));
    assert.notEqual(a.id, b.id);
  });

  test('a job that is not terminal is refused and publishes nothing', async () => {
    const rowsBefore = await feedRowKeys('job.completed');
    await assert.rejects(publishJobCompleted(await getLongrun(), endedJob({ status: 'running' })));
    assert.deepEqual(await feedRowKeys('job.completed'), rowsBefore);
  });

  test('afterJobEnded publishes job.completed for the job, idempotently', async () => {
    const job = endedJob();
    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
    await afterJobEnded(await getLongrun(), job, log, { redelivered: false });
    await afterJobEnded(await getLongrun(), job, log, { redelivered: true });
    const store = (await getLongrun()).events;
    const mine: string[] = [];
    for (const id of await feedRowKeys('job.completed')) {
      if (((await store.get('job.completed', id))?.data as { id: string }).id === job.id) mine.push(id);
    }
    assert.equal(mine.length, 1);
    assert.equal(lines.filter((l) => l.includes(mine[0] ?? '?')).length, 2, 'both runs name the one event');
  });

  test('afterJobEnded publishes job.failed once for a failed job, and nothing there for a job that succeeded', async () => {
    const failed = endedJob({ status: 'failed', error: { status: 422, title: 'Cake burned', detail: 'burned' }, result: undefined });
    const succeeded = endedJob();
    const log = { info: () => undefined, warn: () => undefined };
    await afterJobEnded(await getLongrun(), failed, log, { redelivered: false });
    await afterJobEnded(await getLongrun(), failed, log, { redelivered: true });
    await afterJobEnded(await getLongrun(), succeeded, log, { redelivered: false });
    const store = (await getLongrun()).events;
    const ids: string[] = [];
    for (const id of await feedRowKeys('job.failed')) ids.push(((await store.get('job.failed', id))?.data as { id: string }).id);
    assert.deepEqual(ids.filter((id) => id === failed.id), [failed.id]);
    assert.ok(!ids.includes(succeeded.id));
  });
});
