import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import type { HttpResponseInit } from '@azure/functions';
import { defineTopic } from '../../../shared/events/defineTopic';
import { publishEvent } from '../../../shared/events/publishEvent';
import { EVENT_ID_PATTERN } from '../../../shared/events/eventId';
import { getLongrun } from '../../../shared/app/getLongrun';
import { isProblem } from '../../../shared/model/errors';
import { useCountedStorage } from '../../support/useCountedStorage';
import { feedRowKeys, header, order, publish } from './eventRequests';
import { toEventShard, toFeedPartition } from '../../../shared/storage/feedShards';

describe('POST /api/events/{topic} (in process, real Azurite)', () => {
  const storage = useCountedStorage();

  const writes = () => storage.counter.calls.filter((c) => c.method !== 'GET' && c.method !== 'HEAD');

  function refused(response: HttpResponseInit, expected: number): any {
    assert.equal(response.status, expected);
    assert.equal(header(response, 'Content-Type'), 'application/problem+json');
    assert.deepEqual(writes(), [], 'nothing was written');
    return response.jsonBody;
  }

  test('a valid event answers 202 with its time-ordered id and is in the feed', async () => {
    const before = Date.now();
    const response = await publish('order.created', order(1));
    assert.equal(response.status, 202);
    const { id } = response.jsonBody as { id: string };
    assert.match(id, EVENT_ID_PATTERN);
    assert.ok(Number(id.slice(0, 13)) >= before);
    const stored = await (await getLongrun()).events.get('order.created', id);
    assert.deepEqual(stored?.data, order(1));
    assert.equal(stored?.type, 'order.created');
    assert.equal(new Date(stored?.timestamp ?? '').getTime(), Number(id.slice(0, 13)), 'the timestamp is the id time');
  });

  test('a topic with no hooks costs no fan-out: a publish is one table write and nothing else', async () => {
    const response = await publish('order.created', order(2));
    assert.equal(response.status, 202);
    assert.deepEqual(storage.counter.calls.map((c) => `${c.service} ${c.method}`), ['table POST']);
  });

  test('an unknown topic is 404 and stores nothing', async () => {
    refused(await publish('no.such.topic', order(3)), 404);
  });

  test('a built-in topic (job.completed) is 403 and stores nothing', async () => {
    refused(await publish('job.completed', { id: 'x', kind: 'bake', status: 'succeeded', createdAt: 'a', updatedAt: 'b' }), 403);
  });

  test('a schema violation is 400, lists every failing path and stores nothing', async () => {
    const body = refused(await publish('order.created', { ...order(4), currency: 'euro', total: 'lots', id: undefined }), 400);
    assert.deepEqual((body.errors as { path: string }[]).map((e) => e.path).sort(), ['currency', 'id', 'total']);
  });

  test('malformed JSON is 400 and a wrong content type is 415, storing nothing', async () => {
    refused(await publish('order.created', '{"id":'), 400);
    refused(await publish('order.created', order(5), { 'content-type': 'text/plain' }), 415);
  });

  test('Idempotency-Key: a republish answers the same id and the feed holds one row', async () => {
    const key = { 'idempotency-key': 'run-7-publish' };
    const rowsBefore = (await feedRowKeys('order.created')).length;
    const first = await publish('order.created', order(6), key);
    const again = await publish('order.created', order(6), key);
    assert.equal(first.status, 202);
    assert.equal(again.status, 202);
    assert.deepEqual(again.jsonBody, first.jsonBody);
    const rows = await feedRowKeys('order.created');
    assert.equal(rows.length, rowsBefore + 1);
    assert.ok(rows.includes((first.jsonBody as { id: string }).id));
  });

  test('Idempotency-Key: the event and its key are one atomic storage call', async () => {
    const response = await publish('order.created', order(9), { 'idempotency-key': 'run-9-publish' });
    assert.equal(response.status, 202);
    assert.deepEqual(storage.counter.calls.map((c) => `${c.service} ${c.method} ${c.path.split('/').pop() ?? ''}`), ['table POST $batch']);
  });

  test('Idempotency-Key: concurrent publishes with one key make one event', async () => {
    const key = { 'idempotency-key': 'run-10-publish' };
    const rowsBefore = (await feedRowKeys('order.created')).length;
    const answers = await Promise.all([1, 2, 3, 4].map(() => publish('order.created', order(10), key)));
    assert.deepEqual(answers.map((a) => a.status), [202, 202, 202, 202]);
    assert.equal(new Set(answers.map((a) => (a.jsonBody as { id: string }).id)).size, 1);
    assert.equal((await feedRowKeys('order.created')).length, rowsBefore + 1);
  });

  test('Idempotency-Key: the same key with other data is 409 and adds no event', async () => {
    const key = { 'idempotency-key': 'run-8-publish' };
    assert.equal((await publish('order.created', order(7), key)).status, 202);
    const rowsBefore = await feedRowKeys('order.created');
    const response = await publish('order.created', order(8), key);
    assert.equal(response.status, 409);
    assert.equal(header(response, 'Content-Type'), 'application/problem+json');
    assert.deepEqual(await feedRowKeys('order.created'), rowsBefore);
  });

  test('Idempotency-Key: a key whose event is gone (retention) publishes anew', async () => {
    const key = { 'idempotency-key': 'run-11-publish' };
    const first = (await publish('order.created', order(11), key)).jsonBody as { id: string };
    await (await getLongrun()).storage.table('events').deleteEntity(toFeedPartition('order.created', toEventShard(first.id)), first.id);
    const again = await publish('order.created', order(11), key);
    assert.equal(again.status, 202);
    const id = (again.jsonBody as { id: string }).id;
    assert.notEqual(id, first.id);
    assert.ok((await feedRowKeys('order.created')).includes(id));
    assert.deepEqual((await publish('order.created', order(11), key)).jsonBody, again.jsonBody, 'the new event is now the key\'s');
  });

  test('an event over 60,000 characters of JSON is 413 and stores nothing', async () => {
    const notes = defineTopic({ name: 'test.notes', summary: 'Notes', schema: z.object({ text: z.string() }) });
    await assert.rejects(publishEvent(await getLongrun(), notes, { text: 'x'.repeat(60_000) }), (e) => isProblem(e) && e.status === 413);
    assert.deepEqual(writes(), []);
    const { event } = await publishEvent(await getLongrun(), notes, { text: 'y'.repeat(59_800) });
    const stored = await (await getLongrun()).events.get('test.notes', event.id);
    assert.equal((stored?.data as { text: string }).text.length, 59_800, 'an event near the limit is stored whole');
  });
});
