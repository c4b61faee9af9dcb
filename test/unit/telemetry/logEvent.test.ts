import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { logEvent } from '../../../shared/telemetry/logEvent';
import { runWithLogSink } from '../../../shared/telemetry/logSink';
import { toJobProperties } from '../../../shared/telemetry/toJobProperties';
import type { Job } from '../../../shared/model/Job';

/** A sink that records each line with its level. */
function recorder() {
  const lines: string[] = [];
  return {
    lines,
    sink: { info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`), error: (m: string) => lines.push(`error ${m}`) },
  };
}

describe('structured log records without an exporter', () => {
  test('a record is its event name and its properties as JSON, undefined ones left out, at its level', () => {
    const { lines, sink } = recorder();
    logEvent('warn', 'delivery.dead', { deliveryId: 'cb_1', target: 'callback', lastStatus: undefined, attempts: 2 }, sink);
    logEvent('error', 'request.failed', { error: 'TypeError: x' }, sink);
    logEvent('info', 'job.ran', { jobId: 'j', outcome: 'continued' }, sink);
    assert.deepEqual(lines, [
      'warn delivery.dead {"deliveryId":"cb_1","target":"callback","attempts":2}',
      'error request.failed {"error":"TypeError: x"}',
      'info job.ran {"jobId":"j","outcome":"continued"}',
    ]);
  });

  test('deep code without a sink writes to the running invocation\'s log', async () => {
    const { lines, sink } = recorder();
    await runWithLogSink(sink, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      logEvent('warn', 'hook.disabled', { topic: 'order.created', hookId: 'h1' });
    });
    assert.deepEqual(lines, ['warn hook.disabled {"topic":"order.created","hookId":"h1"}']);
  });

  test('a sink lacking a level takes the line on the next level down', () => {
    const lines: string[] = [];
    logEvent('error', 'queue.messageDropped', { queue: 'jobs-poison' }, { warn: (m) => lines.push(`warn ${m}`) });
    logEvent('warn', 'hook.removed', { topic: 't' }, { info: (m) => lines.push(`info ${m}`) });
    assert.deepEqual(lines, ['warn queue.messageDropped {"queue":"jobs-poison"}', 'info hook.removed {"topic":"t"}']);
  });
});

describe("a job's properties", () => {
  const job = { id: 'f'.repeat(32), kind: 'bake' } as Pick<Job, 'id' | 'kind'>;

  test('name the job and the workflow that subscribed it, never the callback URL', () => {
    const callback = { url: 'https://prod-00.westeurope.logic.azure.com/workflows/1/runs/2?sig=SECRET', urlHash: 'h', workflowRunId: 'run-1', clientTrackingId: 'track-1', operationName: 'Wait' };
    const properties = toJobProperties({ ...job, callback });
    assert.equal(properties.jobId, job.id);
    assert.equal(properties.kind, 'bake');
    assert.equal(properties.workflowRunId, 'run-1');
    assert.equal(properties.clientTrackingId, 'track-1');
    assert.equal(properties.operationName, 'Wait');
    assert.ok(!JSON.stringify(properties).includes('SECRET'));
    assert.ok(!JSON.stringify(properties).includes('logic.azure.com'));
  });

  test("prefer the job's own workflow identity when the record has one", () => {
    const properties = toJobProperties({ ...job, workflow: { workflowRunId: 'run-2', workflowName: 'orders', correlationId: 'c-1' } });
    assert.equal(properties.workflowRunId, 'run-2');
    assert.equal(properties.workflowName, 'orders');
    assert.equal(properties.correlationId, 'c-1');
  });
});
