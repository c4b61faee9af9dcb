import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TableClient } from '@azure/data-tables';
import { useApp } from '../../support/startApp';
import { toJobId } from '../../support/longrunHost';
import { pollUntil } from '../../support/pollUntil';
import { CallbackReceiver } from '../../engine/CallbackReceiver';
import { HostileReceiver, percentile, type Hostility } from './hostileReceiver';
import { TABLES } from '../../../shared/storage/names';

const SLOW_JOBS = 40;
const HEALTHY_JOBS = 20;
const WAIT_STARTS = 5;
// The default attempt budget, and no second slot in the schedule within the test: any second POST
// to a receiver would be a duplicate of the first attempt.
const ATTEMPT_TIMEOUT_MS = 10_000;
// How much later than alone the healthy round may end. The bound is 4 s (p99); the suite
// runs on loaded machines next to other tests, so it allows 8 s, which still fails if jobs waited
// for their receivers: 40 attempts × 10 s over 24 worker slots would add about 17 s.
const ALLOWED_DELAY_MS = 8000;
const ZERO_MINUTES = { flavor: 'lemon', minutes: 0, secondsPerMinute: 0 };

describe('fault: receivers that never answer do not hold up other jobs (stand-in host, Azurite)', () => {
  const app = useApp({ LONGRUN_DELIVERY_TIMEOUT_MS: String(ATTEMPT_TIMEOUT_MS), LONGRUN_DELIVERY_SCHEDULE_SECONDS: '0,3600' });
  const hostile: HostileReceiver[] = [];
  let healthy: CallbackReceiver;

  before(async () => {
    for (const kind of ['silent', 'trickleStatusLine', 'trickleBody'] as Hostility[]) hostile.push(await HostileReceiver.start(kind));
    healthy = await CallbackReceiver.start();
  });
  after(async () => {
    await Promise.all([...hostile.map((r) => r.stop()), healthy?.stop()]);
  });

  const subscribe = async (callbackUrl: string): Promise<{ sentAt: number; location: string }> => {
    const sentAt = Date.now();
    const response = await fetch(`${app.baseUrl}/api/jobs/bake/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ callbackUrl, input: ZERO_MINUTES }),
    });
    assert.equal(response.status, 201, await response.clone().text());
    return { sentAt, location: response.headers.get('location') ?? '' };
  };

  /** Subscribes `healthyUrls` and starts Prefer: wait jobs side by side; the callback latencies (from each subscribe sent) and the wait starts' durations. */
  const healthyRound = async (): Promise<{ latencies: number[]; waits: number[] }> => {
    const healthyUrls = Array.from({ length: HEALTHY_JOBS }, () => healthy.newCallbackUrl());
    const before = healthy.calls.length;
    const waitStarts = Array.from({ length: WAIT_STARTS }, async () => {
      const sentAt = Date.now();
      const response = await fetch(`${app.baseUrl}/api/jobs/bake`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', prefer: 'wait=60' },
        body: JSON.stringify(ZERO_MINUTES),
      });
      await response.arrayBuffer();
      assert.equal(response.status, 200, 'the zero-minute job ended within its wait');
      return Date.now() - sentAt;
    });
    const subscribed = await Promise.all(healthyUrls.map(subscribe));
    const waits = await Promise.all(waitStarts);
    await healthy.waitForCalls(before + HEALTHY_JOBS, 60_000);
    const latencies = healthyUrls.map((url, i) => {
      const calls = healthy.callsTo(url);
      assert.equal(calls.length, 1, 'one callback per healthy job');
      return (calls[0]?.at ?? Infinity) - (subscribed[i]?.sentAt ?? 0);
    });
    return { latencies, waits };
  };

  test(`${HEALTHY_JOBS} healthy callbacks and Prefer: wait starts behind ${SLOW_JOBS} jobs whose receivers never answer (silent, trickled status line, trickled body) take at most ${ALLOWED_DELAY_MS / 1000} s (p99) longer than alone; every receiver gets one POST per job`, { timeout: 180_000 }, async () => {
    // The same round alone first: on a loaded machine the app's own pace is the baseline.
    const alone = await healthyRound();
    const slowUrls = Array.from({ length: SLOW_JOBS }, (_, i) => (hostile[i % hostile.length] as HostileReceiver).newCallbackUrl(`slow${i}`));
    const slowStarted = Promise.all(slowUrls.map(subscribe));
    const behind = await healthyRound();
    const slow = await slowStarted;

    const figures = (r: { latencies: number[]; waits: number[] }) =>
      `callbacks p50 ${percentile(r.latencies, 50)} ms, p99 ${percentile(r.latencies, 99)} ms; Prefer: wait starts max ${Math.max(...r.waits)} ms`;
    console.log(`# alone: ${figures(alone)}`);
    console.log(`# behind ${SLOW_JOBS} never-answering receivers: ${figures(behind)}`);
    assert.ok(percentile(behind.latencies, 99) <= percentile(alone.latencies, 99) + ALLOWED_DELAY_MS, 'healthy callbacks were held up by the slow receivers');
    assert.ok(Math.max(...behind.waits) <= Math.max(...alone.waits) + ALLOWED_DELAY_MS, 'Prefer: wait starts were held up by the slow receivers');

    // Every slow receiver got its POST; the background attempts time out and record themselves,
    // and the fallback messages (visible after timeout + 5 s) find them recorded: no second POST.
    const deliveries = TableClient.fromConnectionString(app.azurite.connectionString, TABLES.deliveries, { allowInsecureConnection: true });
    const records = await pollUntil(
      async () => {
        const rows = await Promise.all(slow.map(({ location }) => deliveries.getEntity<{ attempts: string }>(`cb_${toJobId(location)}`, 'delivery')));
        return rows.every((row) => (JSON.parse(row.attempts) as unknown[]).length === 1) ? rows : undefined;
      },
      { timeoutMs: ATTEMPT_TIMEOUT_MS + 30_000, intervalMs: 500, what: 'every slow delivery to record its one attempt' },
    );
    assert.equal(records.length, SLOW_JOBS);
    // The attempts are recorded (they ended at the handoff + 10 s); the fallbacks become visible at the
    // handoff + 15 s and are taken within a queue poll (2 s).
    await new Promise((resolve) => setTimeout(resolve, 5000 + 5000));
    for (const [i, url] of slowUrls.entries()) {
      const receiver = hostile[i % hostile.length] as HostileReceiver;
      assert.equal(receiver.posts.get(new URL(url).pathname + new URL(url).search), 1, `one POST for slow job ${i}`);
    }
    // A receiver silent or trickling its status line times out; one that sent a 200 head and trickles
    // its body delivered (the outbound client decides on the status line; the body is cut at the budget).
    for (const [i, row] of records.entries()) {
      assert.match(row.attempts, (hostile[i % hostile.length] as HostileReceiver) === hostile[2] ? /"delivered"/ : /"timedOut"/);
    }
  });
});
