import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { requeueStrandedJobs } from '../../../shared/jobs/requeueStrandedJobs';
import type { Job } from '../../../shared/model/Job';
import { getLongrun } from '../../../shared/app/getLongrun';
import { QUEUES } from '../../../shared/storage/names';
import { useCountedStorage } from '../../support/useCountedStorage';

function queuedJob(updatedAt: string): Job {
  return {
    id: randomBytes(16).toString('hex'),
    kind: 'bake',
    status: 'queued',
    tokenHashes: [],
    createdAt: updatedAt,
    updatedAt,
    input: { inline: '{"flavor":"vanilla","minutes":0}' },
    step: 0,
    cancelRequested: false,
  };
}

describe('the hourly repair of jobs that lost their queue message', () => {
  useCountedStorage();

  test('a job queued for over an hour with no older message waiting is enqueued again', async () => {
    const stores = (await getLongrun()).jobStores;
    const queue = (await getLongrun()).storage.queue(QUEUES.jobs);
    await queue.clearMessages();
    const job = queuedJob(new Date(Date.now() - 2 * 3_600_000).toISOString());
    await stores.jobs.insert(job);
    assert.equal(await requeueStrandedJobs(stores), 1);
    const peeked = await queue.peekMessages({ numberOfMessages: 32 });
    assert.ok(peeked.peekedMessageItems.some((m) => Buffer.from(m.messageText, 'base64').toString().includes(job.id)));
  });

  test('a job that is only behind an older backlog is left alone: no second runner', async () => {
    const stores = (await getLongrun()).jobStores;
    const queue = (await getLongrun()).storage.queue(QUEUES.jobs);
    await queue.clearMessages();
    await stores.queue.enqueue({ jobId: randomBytes(16).toString('hex') }); // the backlog, inserted now
    const later = Date.now() + 3_600_000;
    // Seen from two hours on, this job changed one hour from now: after the backlog's message.
    const job = queuedJob(new Date(later).toISOString());
    await stores.jobs.insert(job);
    await requeueStrandedJobs(stores, 3_600_000, later + 2 * 3_600_000);
    const peeked = await queue.peekMessages({ numberOfMessages: 32 });
    assert.ok(!peeked.peekedMessageItems.some((m) => Buffer.from(m.messageText, 'base64').toString().includes(job.id)), 'not enqueued again');
  });
});
