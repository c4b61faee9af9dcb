import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InvocationContext } from '@azure/functions';
import { settlePoisonMessage } from '../../../shared/app/settlePoisonMessage';
import { readMaxDequeueCount } from '../../../shared/jobs/readMaxDequeueCount';

/** A context on the given attempt that collects what is logged. */
function attemptContext(dequeueCount: number): { context: InvocationContext; logged: { level: string; text: string }[] } {
  const logged: { level: string; text: string }[] = [];
  const context = new InvocationContext({
    triggerMetadata: { dequeueCount },
    logHandler: (level, ...args) => logged.push({ level, text: args.map(String).join(' ') }),
  });
  return { context, logged };
}

const failing = () => Promise.reject(new Error('storage said no'));

describe('settlePoisonMessage', () => {
  test('rethrows a failure before the last attempt, so the host tries the poison message again', async () => {
    const { context, logged } = attemptContext(readMaxDequeueCount() - 1);
    await assert.rejects(settlePoisonMessage('jobs-poison', { jobId: 'j1' }, context, failing), /storage said no/);
    assert.deepEqual(logged, []);
  });

  test('on the last attempt logs the failure as an error naming the queue and subject instead of throwing into a queue nothing reads', async () => {
    const { context, logged } = attemptContext(readMaxDequeueCount());
    await settlePoisonMessage('deliveries-poison', { deliveryId: 'd1' }, context, failing);
    assert.equal(logged.length, 1);
    assert.equal(logged[0]?.level, 'error');
    const line = logged[0]?.text ?? '';
    assert.ok(line.startsWith('poison.unsettled '), line);
    assert.deepEqual(JSON.parse(line.slice('poison.unsettled '.length)), { queue: 'deliveries-poison', deliveryId: 'd1', attempts: readMaxDequeueCount(), error: 'Error: storage said no' });
  });

  test('does the work once and logs nothing when it succeeds', async () => {
    const { context, logged } = attemptContext(1);
    let runs = 0;
    await settlePoisonMessage('fanout-poison', {}, context, () => Promise.resolve(void runs++));
    assert.deepEqual([runs, logged.length], [1, 0]);
  });
});
