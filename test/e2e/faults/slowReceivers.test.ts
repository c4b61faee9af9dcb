import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TableClient } from '@azure/data-tables';
import { useApp } from '../../support/startApp';
import { toJobId } from '../../support/longrunHost';
import { pollUntil } from '../../support/pollUntil';
import { CallbackReceiver } from '../../engine/CallbackReceiver';
import { HostileReceiver, percentile, type Hostility } from './hostileReceiver';
import { TABLES } from '../../../shared/storage/names';
import { isNotFound } from '../../../shared/storage/storageErrors';
import { STORAGE_BOUNDS } from '../../../shared/storage/StorageClients';

const SLOW_JOBS = 40;
const HEALTHY_JOBS = 20;
const WAIT_STARTS = 5;
// The default attempt budget, and no second slot in the schedule within the test: any second POST
// to a receiver would be a duplicate of the first attempt.
const ATTEMPT_TIMEOUT_MS = 10_000;
/** When a handed-off attempt's fallback message becomes visible (toInlineBudget). */
const FALLBACK_VISIBLE_MS = ATTEMPT_TIMEOUT_MS + 3 * STORAGE_BOUNDS.TRY_TIMEOUT_MS;
// The issue's bound: healthy callbacks within 4 s of their subscribe (p99) behind 40 receivers that
// never answer, and Prefer: wait starts not delayed by them. Measured p99 1.9-2.6 s on a quiet or
// moderately loaded machine (40 receivers that answer: 1.3-2.2 s). `npm test` runs two files at once
// next to other work, and on a loaded machine the 65 jobs' own work took the round behind answering
// receivers to 3.1 s and, in a load spike, 7.7 s. So the bound is the issue's 4 s, or, where the
// app's own pace behind answering receivers leaves less than ALLOWED_OVER_ANSWERING_MS under it, that
// round's figure plus ALLOWED_OVER_ANSWERING_MS: the one inline budget (1 s) the first jobs wait before
// their receivers' origins are known to be slow, and 1 s for the noise between two rounds (measured:
// 0.05-1.0 s over the answering round). Waiting for every never-answering receiver once per job adds
// about 40 x 1 s over 16 worker slots (measured: 1.7-2.7 s over the answering round).
const ISSUE_BOUND_MS = 4000;
const ALLOWED_OVER_ANSWERING_MS = 2000;
const absentIfNotFound = (error: unknown): undefined => {
  if (isNotFound(error)) return undefined;
  throw error;
};
const ZERO_MINUTES = { flavor: 'lemon', minutes: 0, secondsPerMinute: 0 };

describe('fault: receivers that never answer do not hold up other jobs (stand-in host, Azurite)', () => {
  const app = useApp({ LONGRUN_DELIVERY_TIMEOUT_MS: String(ATTEMPT_TIMEOUT_MS), LONGRUN_DELIVERY_SCHEDULE_SECONDS: '0,3600' });
  const hostile: HostileReceiver[] = [];
  let healthy: CallbackReceiver;
  let answering: CallbackReceiver;

  before(async () => {
    for (const kind of ['silent', 'trickleStatusLine', 'trickleBody'] as Hostility[]) hostile.push(await HostileReceiver.start(kind));
    healthy = await CallbackReceiver.start();
    answering = await CallbackReceiver.start();
  });
  after(async () => {
    await Promise.all([...hostile.map((r) => r.stop()), healthy?.stop(), answering?.stop()]);
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

  test(`${HEALTHY_JOBS} healthy callbacks and Prefer: wait starts behind ${SLOW_JOBS} jobs whose receivers never answer (silent, trickled status line, trickled body) take at most ${ISSUE_BOUND_MS / 1000} s (p99), or on a slow machine at most ${ALLOWED_OVER_ANSWERING_MS / 1000} s longer than behind ${SLOW_JOBS} receivers that answer; every receiver gets one POST per job`, { timeout: 180_000 }, async () => {
    // The round alone (reported), then behind receivers that answer: on a loaded machine, the
    // app's own pace with the same number of jobs is the baseline.
    const alone = await healthyRound();
    const answeringStarted = Promise.all(Array.from({ length: SLOW_JOBS }, () => subscribe(answering.newCallbackUrl())));
    const behindAnswering = await healthyRound();
    await answeringStarted;
    const slowUrls = Array.from({ length: SLOW_JOBS }, (_, i) => (hostile[i % hostile.length] as HostileReceiver).newCallbackUrl(`slow${i}`));
    const slowStarted = Promise.all(slowUrls.map(subscribe));
    const behind = await healthyRound();
    const slow = await slowStarted;

    const figures = (r: { latencies: number[]; waits: number[] }) =>
      `callbacks p50 ${percentile(r.latencies, 50)} ms, p99 ${percentile(r.latencies, 99)} ms; Prefer: wait starts max ${Math.max(...r.waits)} ms`;
    console.log(`# alone: ${figures(alone)}`);
    console.log(`# behind ${SLOW_JOBS} answering receivers: ${figures(behindAnswering)}`);
    console.log(`# behind ${SLOW_JOBS} never-answering receivers: ${figures(behind)}`);
    const bound = (baseline: number) => Math.max(ISSUE_BOUND_MS, baseline + ALLOWED_OVER_ANSWERING_MS);
    assert.ok(percentile(behind.latencies, 99) <= bound(percentile(behindAnswering.latencies, 99)), 'healthy callbacks were held up by the slow receivers');
    assert.ok(Math.max(...behind.waits) <= bound(Math.max(...behindAnswering.waits)), 'Prefer: wait starts were held up by the slow receivers');
    await answering.waitForCalls(SLOW_JOBS, 30_000);

    // Every slow receiver got its POST; the background attempts time out and record themselves,
    // and the fallback messages (visible after the timeout and its record's three storage calls at
    // their try timeout: 10 s + 3 × 10 s) find them recorded: no second POST.
    const deliveries = TableClient.fromConnectionString(app.azurite.connectionString, TABLES.deliveries, { allowInsecureConnection: true });
    const records = await pollUntil(
      async () => {
        // A delivery not claimed yet (its job still queued on a loaded machine) has no row yet.
        const rows = await Promise.all(slow.map(({ location }) => deliveries.getEntity<{ attempts: string }>(`cb_${toJobId(location)}`, 'delivery').catch(absentIfNotFound)));
        return rows.every((row) => row !== undefined && (JSON.parse(row.attempts) as unknown[]).length === 1) ? (rows as NonNullable<(typeof rows)[number]>[]) : undefined;
      },
      { timeoutMs: ATTEMPT_TIMEOUT_MS + 30_000, intervalMs: 500, what: 'every slow delivery to record its one attempt' },
    );
    assert.equal(records.length, SLOW_JOBS);
    // The attempts are recorded (they ended at the handoff + 10 s); the fallbacks become visible at the
    // handoff + 40 s and are taken within a queue poll (2 s).
    await new Promise((resolve) => setTimeout(resolve, FALLBACK_VISIBLE_MS - ATTEMPT_TIMEOUT_MS + 2000 + 3000));
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
