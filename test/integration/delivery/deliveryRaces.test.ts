import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getLongrun } from '../../../shared/app/getLongrun';
import { claimAndRunDelivery, runDelivery, type DeliveryDeps } from '../../../shared/delivery/runDelivery';
import { newDelivery, type Delivery } from '../../../shared/model/Delivery';
import type { DeliveryResult } from '../../../shared/model/DeliveryResult';
import type { DeliveryMessage } from '../../../shared/storage/DeliveryQueue';
import type { DeliveryStore } from '../../../shared/storage/DeliveryStore';
import { useCountedStorage } from '../../support/useCountedStorage';

const OK: DeliveryResult = { kind: 'delivered', status: 200, durationMs: 3 };
const FAILED: DeliveryResult = { kind: 'failureStatus', status: 500, durationMs: 3 };

let n = 0;
const hookDelivery = (createdAt = new Date()): Delivery =>
  newDelivery(`ev_race${++n}_url${n}`, { kind: 'hook', topic: 'order.created', hookId: `url${n}`, eventId: `race${n}` }, createdAt);

/**
 * The app's delivery pipeline on real Azurite (its table, its queue, its ETags), with the
 * receiver's answer and the target given by the test, and every message it queues recorded.
 */
async function pipeline(answer: DeliveryResult, store?: DeliveryStore) {
  const real = (await getLongrun()).deliveries;
  const queued: { message: DeliveryMessage; delaySeconds: number }[] = [];
  let posts = 0;
  const deps: DeliveryDeps = {
    ...real,
    store: store ?? real.store,
    queue: {
      enqueue: async (message: DeliveryMessage, delaySeconds = 0) => {
        queued.push({ message, delaySeconds });
        await real.queue.enqueue(message, delaySeconds);
      },
    } as DeliveryDeps['queue'],
    client: { post: () => (posts++, Promise.resolve(answer)), get: () => Promise.reject(new Error('not used')), close: () => Promise.resolve() },
    resolve: () => Promise.resolve({ kind: 'send', request: { url: 'http://127.0.0.1:9/hook?sig=x', body: '{}', headers: {} } }),
  };
  return { deps, queued, posts: () => posts };
}

describe('deliveries whose writers race or whose writes lose their answer (in process, real Azurite)', () => {
  useCountedStorage();

  test('an attempt run from a record its writer has not updated yet (its retry message came first) is kept with the writer’s: the row ends delivered with both attempts', async () => {
    const { store } = (await getLongrun()).deliveries;
    const claimed = hookDelivery();
    const { etag } = await store.insert(claimed);
    const writer = await pipeline(FAILED); // the first attempt: a 500, its retry queued, then its record written
    const early = await pipeline(OK); // the retry, taken before that record existed: it runs from the claim
    await runDelivery(writer.deps, claimed, etag);
    const result = await runDelivery(early.deps, claimed, etag); // its ETag is stale: 412, applied again

    const row = (await store.get(claimed.id))?.delivery;
    assert.equal(row?.status, 'succeeded');
    assert.deepEqual(row?.attempts.map((a) => a.result), ['failureStatus', 'delivered']);
    assert.equal(row?.attemptsInRound, 2);
    assert.equal(result.status, 'succeeded', 'the attempt returns what the row now says');
    assert.deepEqual(writer.queued.map((q) => q.message.attempt), [1], 'the writer queued the retry');
    assert.deepEqual(early.queued, [], 'a delivered attempt queues nothing');
  });

  test('the same race the other way round: the writer whose record comes second finds the delivery ended and leaves it', async () => {
    const { store } = (await getLongrun()).deliveries;
    const claimed = hookDelivery();
    const { etag } = await store.insert(claimed);
    const early = await pipeline(OK);
    const writer = await pipeline(FAILED);
    await runDelivery(early.deps, claimed, etag);
    const result = await runDelivery(writer.deps, claimed, etag);

    const row = (await store.get(claimed.id))?.delivery;
    assert.equal(row?.status, 'succeeded');
    assert.deepEqual(row?.attempts.map((a) => a.result), ['delivered']);
    assert.equal(result.status, 'succeeded');
  });

  test('two failed attempts from one record: both are recorded, and the row’s next attempt has its message', async () => {
    const { store } = (await getLongrun()).deliveries;
    const claimed = hookDelivery();
    const { etag } = await store.insert(claimed);
    const first = await pipeline(FAILED);
    const second = await pipeline(FAILED);
    await runDelivery(first.deps, claimed, etag);
    await runDelivery(second.deps, claimed, etag);

    const row = (await store.get(claimed.id))?.delivery;
    assert.equal(row?.status, 'pending');
    assert.equal(row?.attemptsInRound, 2);
    assert.deepEqual(
      [...first.queued, ...second.queued].map((q) => q.message.attempt),
      [1, 1, 2],
      'the loser queued the attempt the row now expects (2) once it applied itself again',
    );
  });

  test('a record write that landed though its answer was lost (a retried try meets its own 412) is not applied twice', async () => {
    const { store } = (await getLongrun()).deliveries;
    const claimed = hookDelivery();
    const { etag } = await store.insert(claimed);
    const landedThenLost = {
      get: (id: string) => store.get(id),
      insert: (d: Delivery) => store.insert(d),
      replace: async (d: Delivery, e: string) => {
        await store.replace(d, e);
        throw Object.assign(new Error('The update condition specified in the request was not satisfied.'), { statusCode: 412 });
      },
    } as unknown as DeliveryStore;
    const p = await pipeline(FAILED, landedThenLost);
    await runDelivery(p.deps, claimed, etag);

    const row = (await store.get(claimed.id))?.delivery;
    assert.equal(row?.attemptsInRound, 1, 'one attempt, recorded once');
    assert.deepEqual(p.queued.map((q) => q.message.attempt), [1], 'one retry message');
  });

  test('a record write storage did not answer is tried again: the attempt is recorded once, and its POST is not sent again', async () => {
    const { store } = (await getLongrun()).deliveries;
    for (const landed of [false, true]) {
      const claimed = hookDelivery();
      const { etag } = await store.insert(claimed);
      let cut = 0;
      const cutShort = {
        get: (id: string) => store.get(id),
        insert: (d: Delivery) => store.insert(d),
        replace: async (d: Delivery, e: string) => {
          if (cut++ > 0) return store.replace(d, e);
          if (landed) await store.replace(d, e);
          // What a table try cut short by its timeout throws: an AbortError, which the SDK does not retry.
          throw Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
        },
      } as unknown as DeliveryStore;
      const p = await pipeline(OK, cutShort);
      const result = await runDelivery(p.deps, claimed, etag);

      const row = (await store.get(claimed.id))?.delivery;
      assert.equal(row?.status, 'succeeded', `landed: ${landed}`);
      assert.deepEqual(row?.attempts.map((a) => a.result), ['delivered'], `landed: ${landed}: recorded once`);
      assert.equal(result.status, 'succeeded');
      assert.equal(p.posts(), 1);
    }
  });

  test('a record write storage keeps not answering fails the attempt after three tries, so the message is retried', async () => {
    const { store } = (await getLongrun()).deliveries;
    const claimed = hookDelivery();
    const { etag } = await store.insert(claimed);
    let tries = 0;
    const down = {
      get: (id: string) => store.get(id),
      replace: () => (tries++, Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))),
    } as unknown as DeliveryStore;
    const p = await pipeline(OK, down);
    await assert.rejects(runDelivery(p.deps, claimed, etag), /ECONNREFUSED/);
    assert.equal(tries, 3);
    assert.equal(p.posts(), 1, 'the POST is not repeated within the attempt');
  });

  test('a claim found taken with no attempt (an earlier try of the message claimed it, then failed) gets its first attempt queued, visible once the claimant’s attempt is surely over', async () => {
    const { store, inline } = (await getLongrun()).deliveries;
    // The earlier try's insert landed 5 s ago, and nothing followed it.
    const claimedAt = new Date(Date.now() - 5_000);
    const earlier = hookDelivery(claimedAt);
    await store.insert({ ...earlier, nextAttemptAt: earlier.createdAt });
    const retry = await pipeline(OK);
    const sent = await claimAndRunDelivery(retry.deps, newDelivery(earlier.id, earlier.target));

    assert.equal(sent, undefined, 'the retry sends nothing itself');
    assert.equal(retry.posts(), 0);
    assert.equal(retry.queued.length, 1);
    assert.equal(retry.queued[0]?.message.attempt, 0);
    assert.equal(retry.queued[0]?.message.deliveryId, earlier.id);
    const expected = inline.fallbackDelaySeconds - 5;
    const delay = retry.queued[0]?.delaySeconds ?? -1;
    assert.ok(delay >= expected - 1 && delay <= expected + 1, `visible after ${delay} s, about ${expected} s`);
  });

  test('a claim taken long ago with no attempt is queued at once; a claim taken with an attempt, or ended, queues nothing', async () => {
    const { store } = (await getLongrun()).deliveries;
    const old = hookDelivery(new Date(Date.now() - 10 * 60_000));
    await store.insert(old);
    const retry = await pipeline(OK);
    await claimAndRunDelivery(retry.deps, newDelivery(old.id, old.target));
    assert.deepEqual(retry.queued.map((q) => q.delaySeconds), [0]);

    const attempted = hookDelivery();
    const { etag } = await store.insert(attempted);
    await runDelivery((await pipeline(FAILED)).deps, attempted, etag);
    const delivered = hookDelivery();
    const d = await store.insert(delivered);
    await runDelivery((await pipeline(OK)).deps, delivered, d.etag);
    const again = await pipeline(OK);
    await claimAndRunDelivery(again.deps, newDelivery(attempted.id, attempted.target));
    await claimAndRunDelivery(again.deps, newDelivery(delivered.id, delivered.target));
    assert.deepEqual(again.queued, []);
    assert.equal(again.posts(), 0);
  });
});
