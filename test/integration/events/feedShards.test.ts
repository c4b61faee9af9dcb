import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { getLongrun } from '../../../shared/app/getLongrun';
import { newEventId, toEventTime } from '../../../shared/events/eventId';
import { publishEvent, toEventIdempotencyScope } from '../../../shared/events/publishEvent';
import { purgeEvents } from '../../../shared/events/purgeEvents';
import { orderCreated } from '../../../shared/events/topics/orderCreated';
import { jobCompleted } from '../../../shared/events/topics/jobCompleted';
import { publishJobCompleted, toJobCompletedKey } from '../../../shared/jobs/publishJobCompleted';
import type { Job } from '../../../shared/model/Job';
import { FEED_SHARDS, toEventShard, toFeedPartition, toMarkerShard } from '../../../shared/storage/feedShards';
import { TABLES } from '../../../shared/storage/names';
import { useCountedStorage } from '../../support/useCountedStorage';
import { feedRowKeys, header, order, poll, publish, sleep } from './eventRequests';

const SETTLE_MS = 300;
const TRIGGER = 'http://localhost:7071/api/triggers/order.created';
const idOf = (body: unknown) => (body as { id: string }).id;
const markerKey = (topic: string, key: string): string => createHash('sha256').update(`${toEventIdempotencyScope(topic)}\n${key}`).digest('hex');

/** An id of `now` that the sharded feed would place in another shard than 0 (so a row in the topic's own partition is a legacy one). */
function idOutsideShard0(now: number): string {
  for (;;) {
    const id = newEventId(now);
    if (toEventShard(id) !== 0) return id;
  }
}

/** Writes a row as the feed wrote every row before it was sharded: in the topic's own partition, whatever its id. */
async function writeLegacyRow(topic: string, id: string, data: unknown): Promise<void> {
  const table = (await getLongrun()).storage.table(TABLES.events);
  await table.createEntity({ partitionKey: topic, rowKey: id, json0: JSON.stringify({ id, type: topic, timestamp: new Date(toEventTime(id)).toISOString(), data }) });
}

/** Reads a trigger's Location to the end, `batch` events an answer; returns every event id it fired. */
async function drain(location: string): Promise<string[]> {
  const fired: string[] = [];
  for (;;) {
    const response = await poll(location);
    if (response.status !== 200) return fired;
    fired.push(...(Array.isArray(response.jsonBody) ? (response.jsonBody as unknown[]).map(idOf) : [idOf(response.jsonBody)]));
    location = header(response, 'Location') ?? '';
  }
}

describe('the sharded event feed (in process, real Azurite)', () => {
  const storage = useCountedStorage({ LONGRUN_FEED_SETTLE_MS: String(SETTLE_MS) });
  before(async () => void (await getLongrun()).triggerStateKeys);

  test('events of one topic spread over its shards, and a trigger reading pages of 5 fires each once, in id order', async () => {
    const location = (await poll(`${TRIGGER}?batch=5`)).headers as Record<string, string>;
    const published: string[] = [];
    for (let i = 0; i < 24; i++) published.push(idOf((await publish('order.created', order(1000 + i))).jsonBody));
    assert.ok(new Set(published.map(toEventShard)).size >= 3, 'the events went to several partitions');
    await sleep(SETTLE_MS + 100);
    assert.deepEqual(await drain(location.Location ?? ''), [...published].sort());
  });

  test('a poll reads every shard once, all at once: FEED_SHARDS queries', async () => {
    const location = header(await poll(TRIGGER), 'Location') ?? '';
    await publish('order.created', order(2000));
    await sleep(SETTLE_MS + 100);
    storage.counter.reset();
    assert.equal((await poll(location)).status, 200);
    const reads = storage.counter.calls.filter((c) => c.method === 'GET' && c.path.includes(TABLES.events));
    assert.equal(reads.length, FEED_SHARDS);
    assert.equal(storage.counter.calls.length, FEED_SHARDS, 'nothing else');
  });

  test('a triggerState issued before the feed was sharded keeps working: events of the old partition and of the shards come in one id order', async () => {
    const location = header(await poll(`${TRIGGER}?batch=10`), 'Location') ?? '';
    await sleep(5);
    const legacy = idOutsideShard0(Date.now());
    await writeLegacyRow('order.created', legacy, order(3000));
    const sharded = idOf((await publish('order.created', order(3001))).jsonBody);
    await sleep(5);
    const legacyLater = idOutsideShard0(Date.now());
    await writeLegacyRow('order.created', legacyLater, order(3002));
    await sleep(SETTLE_MS + 100);
    assert.deepEqual(await drain(location), [legacy, sharded, legacyLater]);
    assert.equal((await (await getLongrun()).events.get('order.created', legacy))?.id, legacy, 'a point read finds an old row too');
  });

  test('an Idempotency-Key puts the event and its marker in the partition its key names, in one call', async () => {
    const key = `shard-${randomBytes(4).toString('hex')}`;
    const response = await publish('order.created', order(4000), { 'idempotency-key': key });
    const calls = storage.counter.calls.map((c) => `${c.method} ${c.path.split('/').pop() ?? ''}`);
    const id = idOf(response.jsonBody);
    const shard = toMarkerShard(markerKey('order.created', key));
    assert.equal(toEventShard(id), shard);
    const table = (await getLongrun()).storage.table(TABLES.events);
    const partition = toFeedPartition('order.created', shard);
    assert.equal((await table.getEntity(partition, id)).rowKey, id);
    assert.equal((await table.getEntity(partition, `once-${markerKey('order.created', key)}`)).eventId, id);
    assert.deepEqual(calls, ['POST $batch']);
  });

  test('a redelivered job.completed finds the event its job published before the feed was sharded, and adds none', async () => {
    let jobId: string;
    do jobId = randomBytes(16).toString('hex');
    while (toMarkerShard(markerKey('job.completed', toJobCompletedKey(jobId))) === 0);
    const job: Job = {
      id: jobId, kind: 'bake', status: 'succeeded', tokenHashes: ['h'], createdAt: '2030-01-01T00:00:00.000Z', updatedAt: '2030-01-01T00:00:01.000Z',
      completedAt: '2030-01-01T00:00:01.000Z', progress: 100, input: { inline: '{}' }, step: 1, cancelRequested: false,
    };
    const legacy = idOutsideShard0(Date.now());
    const key = markerKey('job.completed', toJobCompletedKey(jobId));
    await writeLegacyRow('job.completed', legacy, jobCompleted.schema.parse({ id: jobId, kind: 'bake', status: 'succeeded', progress: 100, createdAt: job.createdAt, updatedAt: job.updatedAt, completedAt: job.completedAt }));
    await (await getLongrun()).storage.table(TABLES.events).createEntity({ partitionKey: 'job.completed', rowKey: `once-${key}`, eventId: legacy, requestHash: 'old', createdAt: new Date().toISOString() });
    const before = await feedRowKeys('job.completed');
    const event = await publishJobCompleted(await getLongrun(), job, { legacyMarker: true });
    assert.equal(event.id, legacy);
    assert.deepEqual(await feedRowKeys('job.completed'), before);
  });

  test('retention purges old events and markers from every shard and leaves recent ones', async () => {
    const longrun = await getLongrun();
    const old = Date.now() - 3 * 86_400_000;
    const oldIds: string[] = [];
    for (let i = 0; i < 16; i++) oldIds.push((await publishEvent(longrun, orderCreated, orderCreated.schema.parse(order(5000 + i)), { now: old + i, idempotencyKey: `old-${i}-${randomBytes(4).toString('hex')}` })).event.id);
    const recent = (await publishEvent(longrun, orderCreated, orderCreated.schema.parse(order(5100)))).event.id;
    assert.ok(new Set(oldIds.map(toEventShard)).size >= 3);
    await purgeEvents(longrun.events, [orderCreated], 1);
    const left = await feedRowKeys('order.created');
    assert.deepEqual(oldIds.filter((id) => left.includes(id)), []);
    assert.ok(left.includes(recent));
  });
});
