import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readPoisonMessage, readQueueMessage } from '../../../shared/storage/readQueueMessage';
import { isSnapshotFresh, jobMessageSchema } from '../../../shared/storage/JobQueue';

const jobId = 'a'.repeat(32);

describe('queue messages', () => {
  test('a worker message that can never be valid throws, so it ends in the poison queue', () => {
    assert.deepEqual(readQueueMessage(jobMessageSchema, { jobId }, 'jobs'), { jobId });
    assert.throws(() => readQueueMessage(jobMessageSchema, { jobId: 'x' }, 'jobs'), /jobs message does not parse/);
  });

  test('a poison message that names nothing is recorded as an error and dropped', () => {
    const logged: string[] = [];
    const log = { error: (text: string) => logged.push(text) };
    assert.deepEqual(readPoisonMessage(jobMessageSchema, { jobId }, 'jobs-poison', log), { jobId });
    assert.equal(readPoisonMessage(jobMessageSchema, 'garbage', 'jobs-poison', log), undefined);
    assert.equal(logged.length, 1);
    assert.match(logged[0] ?? '', /^queue\.messageDropped \{"queue":"jobs-poison","message":"\\"garbage\\""\}$/);
  });

  test('a snapshot is trusted for 5 s after its message was inserted, from a Date or an ISO string', () => {
    const now = Date.parse('2026-11-22T10:00:10Z');
    assert.equal(isSnapshotFresh(new Date('2026-11-22T10:00:06Z'), now), true);
    assert.equal(isSnapshotFresh('2026-11-22T10:00:06Z', now), true);
    assert.equal(isSnapshotFresh('2026-11-22T10:00:04Z', now), false);
    assert.equal(isSnapshotFresh(undefined, now), false);
    assert.equal(isSnapshotFresh('not a time', now), false);
  });
});
