import { after, before, describe, test } from 'node:test';
import { propagation, trace } from '@opentelemetry/api';
import { core } from '@opentelemetry/sdk-node';
import assert from 'node:assert/strict';
import { deliveryMessageSchema } from '../../../shared/storage/DeliveryQueue';
import { fanoutMessageSchema } from '../../../shared/storage/FanoutQueue';
import { jobMessageSchema } from '../../../shared/storage/JobQueue';
import { fromQueueMessage, toQueueMessage, withTraceContext } from '../../../shared/storage/queueMessage';
import { currentTraceparent, fromTraceparent } from '../../../shared/telemetry/traceparent';

const jobId = 'a'.repeat(32);
const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('trace context in queue messages', () => {
  test('a message without a traceparent (sent before it existed) still parses, and gains no field', () => {
    assert.deepEqual(jobMessageSchema.parse({ jobId }), { jobId });
    assert.deepEqual(fanoutMessageSchema.parse({ topic: 'order.created', eventId: 'e1' }), { topic: 'order.created', eventId: 'e1' });
    assert.deepEqual(deliveryMessageSchema.parse({ deliveryId: 'cb_1', target: { kind: 'callback', jobId } }), { deliveryId: 'cb_1', target: { kind: 'callback', jobId } });
  });

  test('a carried traceparent is kept through the queue encoding', () => {
    const sent = toQueueMessage({ jobId, traceparent });
    assert.deepEqual(jobMessageSchema.parse(fromQueueMessage(sent)), { jobId, traceparent });
    assert.equal(deliveryMessageSchema.parse({ deliveryId: 'd', target: { kind: 'callback', jobId }, traceparent }).traceparent, traceparent);
  });

  test('a malformed traceparent is dropped, never a reason to poison the message', () => {
    for (const bad of ['garbage', 42, '00-xyz-b7ad6b7169203331-01', `${traceparent}-extra`]) {
      const parsed = jobMessageSchema.safeParse({ jobId, traceparent: bad });
      assert.ok(parsed.success, JSON.stringify(bad));
      assert.equal(parsed.data.traceparent, undefined);
    }
  });

  test('with no span recording (no exporter), a sent message carries nothing more', () => {
    assert.equal(currentTraceparent(), undefined);
    const message = { jobId };
    assert.equal(withTraceContext(message), message);
  });

  describe('with the W3C propagator the SDK registers', () => {
    before(() => propagation.setGlobalPropagator(new core.W3CTraceContextPropagator()));
    after(() => propagation.disable());

    test('a carried traceparent names a remote parent; a malformed one names none', () => {
      const extracted = fromTraceparent(traceparent);
      assert.ok(extracted, "a valid traceparent gives a parent context");
      const parent = trace.getSpanContext(extracted);
      assert.equal(parent?.traceId, '0af7651916cd43dd8448eb211c80319c');
      assert.equal(parent?.spanId, 'b7ad6b7169203331');
      assert.equal(parent?.isRemote, true);
      assert.equal(fromTraceparent('00-00000000000000000000000000000000-b7ad6b7169203331-01'), undefined, 'an all-zero trace id is invalid');
      assert.equal(fromTraceparent('nonsense'), undefined);
      assert.equal(fromTraceparent(undefined), undefined);
    });
  });
});
