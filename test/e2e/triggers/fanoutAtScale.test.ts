import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startApp, type RunningApp } from '../../support/startApp';
import { CallbackReceiver } from '../../engine/CallbackReceiver';
import { subscribeWebhookTrigger } from '../../engine/subscribeWebhookTrigger';
import { sendWithRetries } from '../../engine/sendWithRetries';
import { verifyStandardWebhook } from '../../support/verifyStandardWebhook';
import { forEachConcurrently } from '../../../shared/delivery/forEachConcurrently';

// 200 events (4,000 messages, about 20 s here, 35 s on one core shared with a busy loop) in `npm
// test`. At 1,000 events (20,000 messages) the run lasts past Azurite's first queue cleanup (60 s
// after it starts), which rebuilds its indices once per deleted message and stalls for minutes
// after 20,000 deletions. The app answers 503 + Retry-After meanwhile, as to any storage stall, so
// nothing is lost, only time. LONGRUN_FANOUT_EVENTS=1000 runs that scale.
const EVENTS = Number(process.env.LONGRUN_FANOUT_EVENTS ?? 200);
const HOOKS = 20;

describe('fan-out at scale', () => {
  let app: RunningApp;
  let receiver: CallbackReceiver;
  let flakyPath = '';
  const firstSeen = new Set<string>();

  before(async () => {
    // The default schedule's shape (0, then 5 s, then minutes), compressed: seven attempts in 63 s.
    app = await startApp({ LONGRUN_DELIVERY_SCHEDULE_SECONDS: '0,1,2,4,8,16,32' });
    // One receiver fails half of its first attempts: a 500 at the first sight of every even-hashed webhook-id.
    receiver = await CallbackReceiver.start((_n, call) => {
      if (call.path.split('?')[0] !== flakyPath) return { status: 200 };
      const id = String(call.headers['webhook-id']);
      const first = !firstSeen.has(id);
      firstSeen.add(id);
      const even = (createHash('sha256').update(id).digest()[0] ?? 0) % 2 === 0;
      return { status: first && even ? 500 : 200 };
    });
  });
  after(async () => {
    await receiver.stop();
    await app.stop();
  });

  test(`publishing ${EVENTS} events to ${HOOKS} hooks delivers ${EVENTS * HOOKS} signed messages, none lost and none doubled per webhook-id`, { timeout: 600_000 }, async () => {
    const hooks: { url: string; secret: string }[] = [];
    for (let n = 0; n < HOOKS; n++) {
      const url = receiver.newCallbackUrl();
      const hook = await subscribeWebhookTrigger(`${app.baseUrl}/api/hooks/order.created`, url);
      assert.equal(hook.status, 201);
      hooks.push({ url, secret: String(hook.body.secret) });
    }
    flakyPath = new URL(hooks[0]?.url ?? 'http://x/').pathname;
    const ids: string[] = [];
    const started = Date.now();
    await forEachConcurrently(Array.from({ length: EVENTS }, (_, i) => i), 8, async (i) => {
      // Published as a workflow's HTTP action does: the default retry policy on 5xx, honouring
      // Retry-After, with an Idempotency-Key so that a retry never makes a second event. Azurite's
      // queue cleanup (every 60 s, slow once thousands of messages were deleted) can hold storage
      // past the app's per-try bound; the app then answers 503 + Retry-After, as it would to any
      // storage stall, and the retry publishes the event once.
      const response = await sendWithRetries({
        method: 'POST',
        url: `${app.baseUrl}/api/events/order.created`,
        headers: { 'content-type': 'application/json', 'idempotency-key': `order-${i}` },
        body: JSON.stringify({ id: i, order_key: `wc_${i}`, status: 'processing', currency: 'EUR', date_created: '2026-11-22', total: '1.00' }),
      });
      assert.equal(response.status, 202);
      ids.push(((await response.json()) as { id: string }).id);
    });
    const accepted = () => hooks.reduce((sum, hook) => sum + receiver.acceptedBy(hook.url).length, 0);
    const deadline = Date.now() + 480_000;
    while (accepted() < EVENTS * HOOKS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    await new Promise((r) => setTimeout(r, 3000)); // room for a stray duplicate to show up
    const seconds = (Date.now() - started) / 1000;
    console.log(`fan-out: ${accepted()} accepted of ${receiver.calls.length} requests in ${seconds.toFixed(1)} s`);
    if (accepted() < EVENTS * HOOKS) {
      // What the operator would look at: every delivery not delivered, with its last result.
      for (const state of ['pending', 'dead', 'gone', 'refused']) {
        let next: string | undefined = `${app.baseUrl}/api/manage/deliveries?state=${state}`;
        for (let page = 0; next && page < 10; page++) {
          const list = (await (await fetch(next)).json()) as { value: unknown[]; nextLink?: string };
          if (list.value.length > 0) console.log(`deliveries ${state}: ${JSON.stringify(list.value).slice(0, 3000)}`);
          next = list.nextLink;
        }
      }
    }

    const sorted = [...ids].sort();
    for (const hook of hooks) {
      const calls = receiver.acceptedBy(hook.url);
      const perId = new Map<string, number>();
      for (const call of calls) perId.set(String(call.headers['webhook-id']), (perId.get(String(call.headers['webhook-id'])) ?? 0) + 1);
      assert.deepEqual([...perId.keys()].sort(), sorted, 'every event arrived');
      assert.deepEqual([...perId.values()].filter((count) => count !== 1), [], 'none doubled');
      for (const call of calls.slice(0, 20)) assert.ok(verifyStandardWebhook(hook.secret, call.headers, call.body, 300, call.at), 'signed, recent when received');
    }
    const refused = receiver.callsTo(hooks[0]?.url ?? '').filter((c) => c.status === 500).length;
    assert.ok(refused > EVENTS * 0.35 && refused < EVENTS * 0.65, `the flaky receiver refused ${refused} first attempts`);
  });
});
