import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { z } from 'zod';
import { eventSchema, jobEnvelopeSchema, jobListSchema } from '../../../shared/openapi/connectorSchemas';
import { toEnvelope, type Job } from '../../../shared/model/Job';
import { bake } from '../../../shared/jobs/kinds/bake';
import { orderCreated } from '../../../shared/events/topics/orderCreated';
import { newEventId } from '../../../shared/events/eventId';

const strict = (schema: z.ZodType) => (schema as z.ZodObject).strict();

const base: Job = {
  id: 'a'.repeat(32),
  kind: 'bake',
  status: 'failed',
  tokenHashes: ['h'],
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:01:00.000Z',
  completedAt: '2026-11-22T10:01:00.000Z',
  progress: 40,
  message: 'Baked 2 of 5 minutes',
  workflow: {
    workflowId: 'w',
    workflowName: 'orders',
    workflowRunId: 'r',
    clientTrackingId: 'c',
    operationName: 'Bake',
    actionTrackingId: 'a',
    correlationId: 'k',
  },
  input: { inline: '{}' },
  step: 2,
  cancelRequested: false,
  error: { status: 422, title: 'Cake burned', detail: 'The cake burned' },
};

describe('the connector schemas describe what the API sends', () => {
  test('a failed job envelope, every optional field present, fits the connector envelope exactly', () => {
    strict(jobEnvelopeSchema(bake)).parse(toEnvelope(base));
  });

  test('a succeeded envelope with its result fits, the result typed by the kind output', () => {
    const { error: _e, ...job } = base;
    const envelope = { ...toEnvelope({ ...job, status: 'succeeded' }), result: { flavor: 'vanilla', minutes: 0, bakedAt: base.updatedAt } };
    strict(jobEnvelopeSchema(bake)).parse(envelope);
    assert.throws(() => strict(jobEnvelopeSchema(bake)).parse({ ...envelope, result: { flavor: 1 } }));
  });

  test('a job list page, its envelopes with every optional field and a nextLink, fits the connector list exactly', () => {
    const list = jobListSchema as z.ZodObject;
    list.strict().parse({ value: [toEnvelope(base)], nextLink: 'https://longrun.example/api/manage/jobs?skiptoken=x' });
    assert.throws(() => list.strict().parse({ value: [{ ...toEnvelope(base), status: 'done' }] }), 'the items are job envelopes');
  });

  test('an event as both triggers deliver it fits the connector event exactly', () => {
    const data = { id: 1, order_key: 'wc_1', status: 'processing', currency: 'EUR', date_created: '2026-11-22', total: '1.00' };
    strict(eventSchema(orderCreated)).parse({ id: newEventId(), type: 'order.created', timestamp: new Date().toISOString(), data });
  });
});
