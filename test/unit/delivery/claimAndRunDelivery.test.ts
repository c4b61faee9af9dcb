import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { claimAndRunDelivery, type DeliveryDeps } from '../../../shared/delivery/runDelivery';
import { InlineBudget } from '../../../shared/delivery/InlineBudget';
import { SlowOrigins } from '../../../shared/delivery/SlowOrigins';
import { newDelivery, type Delivery } from '../../../shared/model/Delivery';
import type { DeliveryResult } from '../../../shared/model/DeliveryResult';
import type { DeliveryStore } from '../../../shared/storage/DeliveryStore';
import type { DeliveryQueue, DeliveryMessage } from '../../../shared/storage/DeliveryQueue';
import type { OutboundClient } from '../../../shared/delivery/outboundClient';

const SLOW = 'https://slow.example';
const HEALTHY = 'https://healthy.example';
const FALLBACK_DELAY_SECONDS = 15;
/** A test that waited for a budget of 10 minutes fails here instead. */
const WAIT_AT_MOST = { timeout: 10_000 };

/**
 * The delivery pipeline over in-memory fakes: the receivers answer when the test says so
 * (`answer`), and every storage call, queued message and POST is counted.
 */
function pipeline(budgetMs: number, slowOrigins = new SlowOrigins()) {
  const storageCalls: string[] = [];
  const queued: { message: DeliveryMessage; delaySeconds: number }[] = [];
  const posts: string[] = [];
  const waiting: ((result: DeliveryResult) => void)[] = [];
  const store = {
    insert: (delivery: Delivery) => (storageCalls.push('insert'), Promise.resolve({ delivery, etag: '"1"' })),
    replace: (delivery: Delivery) => (storageCalls.push('replace'), Promise.resolve({ delivery, etag: '"2"' })),
  } as unknown as DeliveryStore;
  const queue = {
    enqueue: (message: DeliveryMessage, delaySeconds = 0) => (storageCalls.push('enqueue'), queued.push({ message, delaySeconds }), Promise.resolve()),
  } as unknown as DeliveryQueue;
  const client: OutboundClient = {
    post: (url) => {
      posts.push(url);
      return new Promise<DeliveryResult>((resolve) => waiting.push(resolve));
    },
    get: () => Promise.reject(new Error('not used')),
    close: () => Promise.resolve(),
  };
  const inline = new InlineBudget(budgetMs, FALLBACK_DELAY_SECONDS, 256, slowOrigins);
  const deps = (url: string): DeliveryDeps => ({
    store,
    queue,
    client,
    schedule: [0, 5],
    inline,
    resolve: () => Promise.resolve({ kind: 'send', request: { url, body: '{}', headers: {} } }),
  });
  let n = 0;
  const deliver = (url: string) => claimAndRunDelivery(deps(url), newDelivery(`cb_${++n}`, { kind: 'callback', jobId: `job${n}` }));
  /** The receivers of every POST still open answer 200. */
  const answer = () => {
    for (const resolve of waiting.splice(0)) resolve({ kind: 'delivered', status: 200, durationMs: 1 });
  };
  /** Once the receiver has been sent its POST, it answers 200. */
  const answerWhenPosted = async () => {
    while (waiting.length === 0) await new Promise((resolve) => setImmediate(resolve));
    answer();
  };
  return { deliver, answer, answerWhenPosted, inline, storageCalls, queued, posts };
}

describe('claimAndRunDelivery: the inline budget per receiver origin', () => {
  test('a first attempt to an origin marked slow is handed off at once: its one POST goes on in the background, its fallback message is queued, the worker is not held', WAIT_AT_MOST, async () => {
    const slowOrigins = new SlowOrigins();
    slowOrigins.remember(SLOW);
    // A budget no test could wait for: a handoff that returns at all did not wait it.
    const p = pipeline(600_000, slowOrigins);
    const claimed = await p.deliver(`${SLOW}/workflows/w/runs/r/run?sig=secret`);
    assert.equal(claimed?.status, 'pending');
    assert.equal(claimed?.attempts.length, 0, 'returned as claimed, before the attempt ended');
    assert.equal(p.posts.length, 1, 'the POST was sent');
    assert.deepEqual(
      p.queued.map((q) => [q.message.attempt, q.delaySeconds]),
      [[0, FALLBACK_DELAY_SECONDS]],
    );
    assert.equal(p.inline.handedOff, 1);
    p.answer();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(p.inline.handedOff, 0, 'the background attempt ended and recorded itself');
    assert.deepEqual(p.storageCalls, ['insert', 'enqueue', 'replace']);
    assert.equal(p.posts.length, 1, 'one POST per delivery');
  });

  test('a first attempt that outlasts the budget marks its origin slow, so the next first attempt to it is not waited for', WAIT_AT_MOST, async () => {
    const p = pipeline(50);
    const first = await p.deliver(`${SLOW}/a?sig=1`);
    assert.equal(first?.attempts.length, 0, 'handed off after the budget');
    assert.equal(p.inline.slowOrigins.has(SLOW), true);
    // The same memory behind a budget no test could wait for.
    const q = pipeline(600_000, p.inline.slowOrigins);
    const second = await q.deliver(`${SLOW}/b?sig=2`);
    assert.equal(second?.attempts.length, 0);
    assert.equal(q.posts.length, 1);
    assert.equal(q.queued.length, 1, 'the handed-off attempt has its fallback message');
    p.answer();
    q.answer();
  });

  test('an origin marked slow whose receiver answers within the budget is cleared: its next first attempt is waited for inline again', async () => {
    const slowOrigins = new SlowOrigins();
    slowOrigins.remember(SLOW);
    const p = pipeline(60_000, slowOrigins);
    await p.deliver(`${SLOW}/a?sig=1`);
    p.answer();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(slowOrigins.has(SLOW), false);
    const [next] = await Promise.all([p.deliver(`${SLOW}/b?sig=2`), p.answerWhenPosted()]);
    assert.equal(next?.status, 'succeeded', 'waited for inline');
    assert.equal(p.queued.length, 1, 'only the first, handed-off attempt queued a fallback');
  });

  test('a healthy receiver is waited for inline with the same storage calls as before: a claim and a record, no fallback message, no mark', async () => {
    const slowOrigins = new SlowOrigins();
    slowOrigins.remember(SLOW);
    const p = pipeline(60_000, slowOrigins);
    const [done] = await Promise.all([p.deliver(`${HEALTHY}/a?sig=1`), p.answerWhenPosted()]);
    assert.equal(done?.status, 'succeeded');
    assert.deepEqual(p.storageCalls, ['insert', 'replace']);
    assert.equal(slowOrigins.has(HEALTHY), false);
    assert.equal(slowOrigins.has(SLOW), true, 'another origin keeps its mark');
  });
});
