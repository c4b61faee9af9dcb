import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, type RunningApp } from '../../support/startApp';
import { CallbackReceiver } from '../../engine/CallbackReceiver';
import { pollUntil } from '../../support/pollUntil';
import { verifyStandardWebhook } from '../../support/verifyStandardWebhook';

interface ListedDelivery {
  id: string;
  state: string;
  target: { kind: string; jobId?: string };
  attemptCount: number;
  attempts: { at: string; status?: number; durationMs?: number; errorClass?: string; response?: string }[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('dead deliveries, their list, their replay and delivery.dead (stand-in host, callback receivers)', () => {
  let app: RunningApp;
  let callbacks: CallbackReceiver;
  let pager: CallbackReceiver;
  /** Whether the webhook action's receiver is back; until then it answers 503 with a short text. */
  const receiver = { up: false };
  const api = (path: string) => `${app.baseUrl}/api/${path}`;
  const started = new Date(Date.now() - 60_000).toISOString();

  before(async () => {
    // Three attempts a second apart: a callback that always fails dies within seconds.
    app = await startApp({ LONGRUN_DELIVERY_SCHEDULE_SECONDS: '0,1,1' });
    callbacks = await CallbackReceiver.start(() => (receiver.up ? { status: 200 } : { status: 503, body: 'receiver down for maintenance' }));
    pager = await CallbackReceiver.start(() => ({ status: 200 }));
  });
  after(async () => {
    await callbacks?.stop();
    await pager?.stop();
    await app?.stop();
  });

  async function listDead(): Promise<ListedDelivery[]> {
    const response = await fetch(api('manage/deliveries?state=dead'));
    assert.equal(response.status, 200);
    return ((await response.json()) as { value: ListedDelivery[] }).value;
  }

  async function requestReplay(): Promise<Response> {
    return fetch(api('manage/replays'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: started, to: new Date(Date.now() + 3_600_000).toISOString().replace(/:\d\d\.\d+Z$/, ':00Z') }),
    });
  }

  test('a callback that always fails ends dead, is listed with its attempts, reaches a delivery.dead hook, and a replay sent twice delivers it once', async () => {
    // Someone pages on delivery.dead through the webhook trigger.
    const pagerUrl = pager.newCallbackUrl();
    const hook = await fetch(api('hooks/delivery.dead'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ callbackUrl: pagerUrl }) });
    assert.equal(hook.status, 201);
    const { secret } = (await hook.json()) as { secret: string };

    const callbackUrl = callbacks.newCallbackUrl();
    const subscribed = await fetch(api('jobs/bake/subscribe'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ callbackUrl, input: { flavor: 'lemon', minutes: 0 } }),
    });
    assert.equal(subscribed.status, 201);
    const { id: jobId } = (await subscribed.json()) as { id: string };
    const deliveryId = `cb_${jobId}`;

    const dead = await pollUntil(async () => (await listDead()).find((d) => d.id === deliveryId), { timeoutMs: 60_000, intervalMs: 250, what: 'the dead callback in the list' });
    assert.equal(dead.state, 'dead');
    assert.deepEqual(dead.target, { kind: 'callback', jobId });
    assert.equal(dead.attemptCount, 3);
    assert.equal(dead.attempts.length, 3);
    for (const attempt of dead.attempts) {
      assert.equal(attempt.status, 503);
      assert.equal(attempt.errorClass, 'http-5xx');
      assert.equal(attempt.response, 'receiver down for maintenance');
      assert.equal(typeof attempt.durationMs, 'number');
    }
    assert.equal(callbacks.callsTo(callbackUrl).length, 3);
    const sig = new URL(callbackUrl).searchParams.get('sig') ?? '';
    const one = await fetch(api(`manage/deliveries/${deliveryId}`));
    const listed = JSON.stringify(await listDead()) + (await one.text());
    assert.ok(!listed.includes(sig) && !listed.includes(new URL(callbackUrl).pathname), 'no callback URL or its sig in the list');

    // delivery.dead reached the subscribed hook, signed, with no URL in it.
    const paged = await pollUntil(() => pager.callsTo(pagerUrl).find((c) => c.body.includes(deliveryId)), { timeoutMs: 30_000, intervalMs: 100, what: 'delivery.dead at the hook' });
    assert.ok(verifyStandardWebhook(secret, paged.headers, paged.body));
    const event = JSON.parse(paged.body) as { type: string; data: { deliveryId: string; attemptCount: number; lastAttempt: { status: number; errorClass: string } } };
    assert.equal(event.type, 'delivery.dead');
    assert.equal(event.data.attemptCount, 3);
    assert.deepEqual({ status: event.data.lastAttempt.status, errorClass: event.data.lastAttempt.errorClass }, { status: 503, errorClass: 'http-5xx' });
    assert.ok(!paged.body.includes(sig) && !paged.body.includes('workflows/wf/runs'));

    // The receiver is back; the operator sends the replay request twice.
    receiver.up = true;
    const [first, second] = await Promise.all([requestReplay(), requestReplay()]);
    assert.ok([200, 202].includes(first.status) && [200, 202].includes(second.status), `${first.status} ${second.status}`);
    const location = first.headers.get('location') ?? '';
    assert.equal(new URL(location).pathname, new URL(second.headers.get('location') ?? '').pathname, 'the same replay job');
    const done = await pollUntil(
      async () => {
        const body = (await (await fetch(location)).json()) as { status: string; result?: { replayed: number } };
        return body.status === 'succeeded' ? body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'the replay job to succeed' },
    );
    assert.equal(done.result?.replayed, 1);
    await pollUntil(() => (callbacks.acceptedBy(callbackUrl).length > 0 ? true : undefined), { timeoutMs: 30_000, intervalMs: 100, what: 'the replayed callback' });

    // A third request, after the first finished, names the same job and replays nothing again.
    const third = await requestReplay();
    assert.equal(new URL(third.headers.get('location') ?? '').pathname, new URL(location).pathname);
    await sleep(3000);
    assert.equal(callbacks.callsTo(callbackUrl).length, 4, 'three failures, then exactly one replayed delivery');
    const delivered = (await (await fetch(api(`manage/deliveries/${deliveryId}`))).json()) as ListedDelivery;
    assert.equal(delivered.state, 'delivered');
    assert.ok(!(await listDead()).some((d) => d.id === deliveryId), 'no longer in the dead list');
    const list = (await (await fetch(api('manage/deliveries?state=delivered'))).json()) as { value: ListedDelivery[] };
    assert.ok(list.value.some((d) => d.id === deliveryId));

    const health = (await (await fetch(api('health'))).json()) as { deadLettersLastHour: number };
    assert.ok(health.deadLettersLastHour >= 1);
  });

  test('a bad replay request is a 400 problem and starts nothing', async () => {
    const response = await fetch(api('manage/replays'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'yesterday', to: new Date().toISOString() }) });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('content-type'), 'application/problem+json');
    assert.equal(response.headers.get('location'), null);
  });
});
