import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getLongrun } from '../../../shared/app/getLongrun';
import { newEventId, toEventTime } from '../../../shared/events/eventId';
import { fromTriggerState } from '../../../shared/events/Cursor';
import { POLL_INTERVAL_SECONDS } from '../../../shared/events/readFeed';
import { useCountedStorage } from '../../support/useCountedStorage';
import { header, order, poll, publish, sleep } from './eventRequests';

const SETTLE_MS = 300;
const TRIGGER = 'http://localhost:7071/api/triggers/order.created';
const CONTINUATION = `${TRIGGER}/next`;
const FUNCTION_KEY = 'the-function-key-0123456789';
const idOf = (body: unknown) => (body as { id: string }).id;

describe('GET /api/triggers/{topic}: the polling trigger (in process, real Azurite)', () => {
  const storage = useCountedStorage({ LONGRUN_FEED_SETTLE_MS: String(SETTLE_MS) });
  // The MAC key is loaded once per process, as an instance's first trigger request does.
  before(async () => void (await getLongrun()).triggerStateKeys);

  /** The first call of a trigger: 202 with the Location of "now". */
  async function firstCall(query = ''): Promise<string> {
    const response = await poll(`${TRIGGER}${query}`);
    assert.equal(response.status, 202);
    return header(response, 'Location') ?? '';
  }

  async function publishOrders(ids: number[]): Promise<string[]> {
    const published: string[] = [];
    for (const id of ids) {
      const response = await publish('order.created', order(id));
      assert.equal(response.status, 202);
      published.push(idOf(response.jsonBody));
    }
    return published;
  }

  test('the first call answers 202 with an absolute Location on the continuation route carrying a signed cursor, and Retry-After = the poll interval', async () => {
    await publishOrders([100]);
    storage.counter.reset();
    const response = await poll(TRIGGER);
    assert.equal(response.status, 202);
    assert.equal(header(response, 'Retry-After'), String(POLL_INTERVAL_SECONDS));
    const location = new URL(header(response, 'Location') ?? '');
    assert.equal(`${location.origin}${location.pathname}`, CONTINUATION);
    const state = location.searchParams.get('triggerState') ?? '';
    assert.ok(fromTriggerState((await getLongrun()).triggerStateKeys[0] ?? Buffer.alloc(0), { topic: 'order.created' }, state), 'the cursor verifies');
    assert.deepEqual(storage.counter.calls, [], 'the first call reads no storage');
    await sleep(SETTLE_MS + 100);
    assert.equal((await poll(location.toString())).status, 202, 'an event published before the first call never fires');
  });

  test('three events published after the first call come one per call, in order, Retry-After 0 between them, then 202', async () => {
    let location = await firstCall();
    const published = await publishOrders([1, 2, 3]);
    await sleep(SETTLE_MS + 100);
    const seen: string[] = [];
    const retryAfters: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await poll(location);
      assert.equal(response.status, 200);
      assert.ok(!Array.isArray(response.jsonBody), 'without batch, one event, not an array');
      const event = response.jsonBody as { id: string; type: string; timestamp: string; data: { id: number } };
      assert.equal(event.type, 'order.created');
      assert.equal(event.data.id, i + 1);
      seen.push(event.id);
      retryAfters.push(header(response, 'Retry-After'));
      location = header(response, 'Location') ?? '';
    }
    assert.deepEqual(seen, published);
    assert.deepEqual(retryAfters, ['0', '0', String(POLL_INTERVAL_SECONDS)]);
    const idle = await poll(location);
    assert.equal(idle.status, 202);
    assert.equal(header(idle, 'Location'), location, 'nothing new keeps the same Location');
    assert.equal(header(idle, 'Retry-After'), String(POLL_INTERVAL_SECONDS));
  });

  test('with batch=10 the three events come as one array, oldest first', async () => {
    const location = await firstCall('?batch=10');
    assert.equal(new URL(location).searchParams.get('batch'), '10', 'the Location keeps batch');
    const published = await publishOrders([11, 12, 13]);
    await sleep(SETTLE_MS + 100);
    const response = await poll(location);
    assert.equal(response.status, 200);
    assert.deepEqual((response.jsonBody as { id: string }[]).map((e) => e.id), published);
    assert.equal(header(response, 'Retry-After'), String(POLL_INTERVAL_SECONDS), 'nothing more waits');
    assert.equal((await poll(header(response, 'Location') ?? '')).status, 202);
  });

  test('with batch=2 a full page says more waits (Retry-After 0) and the next call returns the rest', async () => {
    const location = await firstCall('?batch=2');
    const published = await publishOrders([21, 22, 23]);
    await sleep(SETTLE_MS + 100);
    const first = await poll(location);
    assert.deepEqual((first.jsonBody as { id: string }[]).map((e) => e.id), published.slice(0, 2));
    assert.equal(header(first, 'Retry-After'), '0');
    const second = await poll(header(first, 'Location') ?? '');
    assert.deepEqual((second.jsonBody as { id: string }[]).map((e) => e.id), published.slice(2));
  });

  test('an event published with an Idempotency-Key fires once and its key never shows in the feed', async () => {
    let location = await firstCall('?batch=100');
    const key = { 'idempotency-key': 'poll-once' };
    const first = await publish('order.created', order(51), key);
    await publish('order.created', order(51), key);
    await sleep(SETTLE_MS + 100);
    const fired: unknown[] = [];
    for (;;) {
      const response = await poll(location);
      if (response.status !== 200) break;
      fired.push(...(response.jsonBody as unknown[]));
      location = header(response, 'Location') ?? '';
    }
    assert.deepEqual(fired.map(idOf), [idOf(first.jsonBody)]);
  });

  test('on the first call, a triggerState that was not issued is 400 problem+json and reads no storage', async () => {
    const response = await poll(`${TRIGGER}?triggerState=bm90LWEtY3Vyc29y`);
    assert.equal(response.status, 400);
    assert.equal(header(response, 'Content-Type'), 'application/problem+json');
    assert.deepEqual(storage.counter.calls, []);
  });

  test('a batch outside 1..100 is 400 and an unknown topic is 404', async () => {
    assert.equal((await poll(`${TRIGGER}?batch=0`)).status, 400);
    assert.equal((await poll(`${TRIGGER}?batch=101`)).status, 400);
    assert.equal((await poll('http://localhost:7071/api/triggers/no.such.topic')).status, 404);
  });

  test('a continuation whose state is missing, forged, altered, another topic\'s or for another batch is 404 problem+json and reads no storage', async () => {
    const location = new URL(await firstCall('?batch=5'));
    const state = location.searchParams.get('triggerState') ?? '';
    const changed = (params: Record<string, string | null>, pathname = location.pathname): string => {
      const url = new URL(location);
      url.pathname = pathname;
      for (const [name, value] of Object.entries(params)) {
        if (value === null) url.searchParams.delete(name);
        else url.searchParams.set(name, value);
      }
      return url.toString();
    };
    const last = state.slice(-1) === 'A' ? 'B' : 'A';
    const cases: Record<string, string> = {
      'no triggerState': changed({ triggerState: null }),
      'an unsigned cursor': changed({ triggerState: 'bm90LWEtY3Vyc29y' }),
      'a changed tag': changed({ triggerState: `${state.slice(0, -1)}${last}` }),
      'a changed cursor': changed({ triggerState: `A${state.slice(1)}` }),
      'another batch': changed({ batch: '100' }),
      'no batch': changed({ batch: null }),
      'another topic': changed({}, '/api/triggers/job.completed/next'),
      'an unknown topic': changed({}, '/api/triggers/no.such.topic/next'),
    };
    storage.counter.reset();
    for (const [name, url] of Object.entries(cases)) {
      const response = await poll(url);
      assert.equal(response.status, 404, name);
      assert.equal(header(response, 'Content-Type'), 'application/problem+json', name);
      assert.ok(!JSON.stringify(response.jsonBody).includes('order.created'), `${name}: the answer names nothing`);
    }
    assert.deepEqual(storage.counter.calls, [], 'no feed is read for a state that does not verify');
    assert.equal((await poll(location.toString())).status, 202, 'the state as issued still works');
  });

  test('a Location obtained with the key in x-functions-key (or in code) carries no key, and fires without one', async () => {
    for (const [how, query, headers] of [
      ['header', '?batch=5', { 'x-functions-key': FUNCTION_KEY }],
      ['query', `?batch=5&code=${FUNCTION_KEY}`, {}],
    ] as const) {
      const first = await poll(`${TRIGGER}${query}`, headers);
      const location = header(first, 'Location') ?? '';
      assert.equal(new URL(location).searchParams.get('code'), null, how);
      assert.ok(!location.includes(FUNCTION_KEY), `${how}: the key is nowhere in the Location`);
      const [published] = await publishOrders([30]);
      await sleep(SETTLE_MS + 100);
      const fired = await poll(location);
      assert.equal(fired.status, 200, how);
      assert.deepEqual((fired.jsonBody as { id: string }[]).map((e) => e.id), [published], how);
      const next = header(fired, 'Location') ?? '';
      assert.equal(new URL(next).searchParams.get('code'), null, how);
      assert.ok(!next.includes(FUNCTION_KEY), how);
      assert.equal(new URL(next).searchParams.get('batch'), '5', `${how}: the Location keeps batch`);
    }
  });

  test('an event that lands late with an earlier id is still delivered (the settle horizon)', async () => {
    let location = await firstCall();
    await sleep(100);
    const [published] = await publishOrders([41]);
    // A poll right away must not read past now − settle: the event just published has not settled.
    const early = await poll(location);
    assert.equal(early.status, 202, 'an event younger than the settle horizon is not read yet');
    // Another publisher's write lands now, with an id taken 50 ms before the first event's.
    const lateId = newEventId(toEventTime(published ?? '') - 50);
    await (await getLongrun()).events.append({ id: lateId, type: 'order.created', timestamp: new Date(toEventTime(lateId)).toISOString(), data: order(40) });
    await sleep(SETTLE_MS + 100);
    const seen: string[] = [];
    for (;;) {
      const response = await poll(location);
      if (response.status !== 200) break;
      seen.push(idOf(response.jsonBody));
      location = header(response, 'Location') ?? '';
    }
    assert.deepEqual(seen, [lateId, published], 'both delivered once, in id order');
  });

  test('a cursor still inside the settle window answers 202 without reading storage', async () => {
    const location = await firstCall();
    storage.counter.reset();
    assert.equal((await poll(location)).status, 202);
    assert.deepEqual(storage.counter.calls, []);
  });
});
