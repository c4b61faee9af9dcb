import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startApp, type RunningApp } from '../../support/startApp';
import { CallbackReceiver } from '../../engine/CallbackReceiver';
import { OtlpReceiver, type ReceivedSpan } from '../../support/OtlpReceiver';
import { pollUntil } from '../../support/pollUntil';

// OTLP span kinds (trace.proto): SERVER 2, CLIENT 3, CONSUMER 5. Log severity WARN is 13.
const SERVER = 2;
const CLIENT = 3;
const CONSUMER = 5;
const WARN = 13;

describe('telemetry to an OTLP endpoint (stand-in host, OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  let otlp: OtlpReceiver;
  let callbacks: CallbackReceiver;
  let app: RunningApp;
  const api = (path: string) => `${app.baseUrl}/api/${path}`;

  before(async () => {
    otlp = await OtlpReceiver.start();
    // A callback URL whose path says `failing` answers 500 (its delivery ends dead); any other 200.
    callbacks = await CallbackReceiver.start((_n, call) => ({ status: call.path.includes('/failing/') ? 500 : 200 }));
    app = await startApp({
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'longrun-e2e',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_BLRP_SCHEDULE_DELAY: '100',
      OTEL_METRIC_EXPORT_INTERVAL: '500',
      // Two attempts (now, then after about a second): a failing callback is dead within seconds.
      LONGRUN_DELIVERY_SCHEDULE_SECONDS: '0,1',
    });
  });
  after(async () => {
    await app?.stop();
    await callbacks?.stop();
    await otlp?.stop();
  });

  test("one trace follows a webhook job from its subscribe request through the queue to the worker, its callback's attempts and the job.completed fan-out; metrics and a dead-delivery warning arrive, nothing secret in them", async () => {
    // A webhook trigger on job.completed, so the job's end fans out to a hook.
    const hookUrl = callbacks.newCallbackUrl();
    const hook = await fetch(api('hooks/job.completed'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ callbackUrl: hookUrl }) });
    assert.equal(hook.status, 201);

    // The webhook action's subscribe, from a caller that is itself traced (W3C traceparent).
    const callerTrace = randomBytes(16).toString('hex');
    const callerSpan = randomBytes(8).toString('hex');
    const callbackUrl = callbacks.newCallbackUrl().replace('/workflows/', '/failing/');
    const subscribed = await fetch(api('jobs/bake/subscribe'), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: `00-${callerTrace}-${callerSpan}-01`,
        'x-ms-workflow-run-id': '08585000000000000000000000001CU01',
        'x-ms-client-tracking-id': 'order-4711',
        'x-ms-workflow-operation-name': 'Wait_for_the_bake',
      },
      body: JSON.stringify({ callbackUrl, input: { flavor: 'vanilla', minutes: 0 } }),
    });
    assert.equal(subscribed.status, 201);
    const jobId = ((await subscribed.json()) as { id: string }).id;

    const inTrace = (): ReceivedSpan[] => otlp.spans.filter((s) => s.traceId === callerTrace);
    const named = (name: string): ReceivedSpan[] => inTrace().filter((s) => s.name === name);
    await pollUntil(
      () => (named('deliveriesWorker').length >= 1 && named('fanoutWorker').length >= 1 && named('deliver hook').length >= 1 ? true : undefined),
      { timeoutMs: 45_000, what: 'the spans of the job, its callback retry and its fan-out' },
      () => JSON.stringify(otlp.spans.map((s) => [s.name, s.traceId.slice(0, 6), s.attributes.jobId])),
    );

    // The start request continues the caller's trace and names the job.
    const [start] = named('subscribeJob');
    assert.ok(start, 'a span for the subscribe request');
    assert.equal(start.kind, SERVER);
    assert.equal(start.parentSpanId, callerSpan);
    assert.equal(start.attributes.jobId, jobId);
    assert.equal(start.attributes.kind, 'bake');
    assert.equal(start.attributes.workflowRunId, '08585000000000000000000000001CU01');
    assert.equal(start.attributes.clientTrackingId, 'order-4711');

    // The worker's span is the start's child, carried through the `jobs` queue message.
    const [worker] = named('jobsWorker');
    assert.ok(worker, 'a span for the worker run, in the same trace');
    assert.equal(worker.kind, CONSUMER);
    assert.equal(worker.parentSpanId, start.spanId);
    assert.equal(worker.attributes.jobId, jobId);
    assert.equal(worker.attributes.kind, 'bake');
    assert.equal(worker.attributes.outcome, 'succeeded');

    // The callback: the inline first attempt under the worker, the retry under the deliveries worker.
    const attempts = named('deliver callback');
    assert.equal(attempts.length, 2, JSON.stringify(attempts.map((s) => s.attributes)));
    const [first, second] = attempts.sort((a, b) => Number(a.attributes.attempt) - Number(b.attributes.attempt));
    assert.equal(first?.kind, CLIENT);
    assert.equal(first?.parentSpanId, worker.spanId);
    assert.equal(first?.attributes.jobId, jobId);
    assert.equal(first?.attributes.deliveryId, `cb_${jobId}`);
    assert.equal(first?.attributes.outcome, 'retry');
    assert.equal(first?.attributes['http.response.status_code'], 500);
    const [retry] = named('deliveriesWorker');
    assert.equal(retry?.parentSpanId, first?.spanId, 'the retry continues from the attempt that queued it');
    assert.equal(second?.parentSpanId, retry?.spanId);
    assert.equal(second?.attributes.outcome, 'dead');

    // The job.completed event's fan-out, through the `fanout` queue, in the same trace.
    const [fanout] = named('fanoutWorker');
    assert.equal(fanout?.parentSpanId, worker.spanId);
    const [hookDelivery] = named('deliver hook');
    assert.equal(hookDelivery?.parentSpanId, fanout?.spanId);
    assert.equal(hookDelivery?.attributes.topic, 'job.completed');
    assert.equal(hookDelivery?.attributes.outcome, 'succeeded');

    // A warning log record for the dead callback, in the job's trace, with properties, not prose.
    const dead = await pollUntil(() => otlp.logs.find((r) => r.body === 'delivery.dead' && r.attributes.jobId === jobId), { timeoutMs: 15_000, what: 'the delivery.dead record' });
    assert.equal(dead.severityNumber, WARN);
    assert.equal(dead.traceId, callerTrace);
    assert.equal(dead.attributes.deliveryId, `cb_${jobId}`);
    assert.equal(dead.attributes.target, 'callback');
    assert.equal(dead.attributes.reason, 'exhausted');
    const ended = otlp.logs.find((r) => r.body === 'job.ended' && r.attributes.jobId === jobId);
    assert.equal(ended?.attributes.status, 'succeeded');
    assert.equal(ended?.attributes.kind, 'bake');

    // Metrics, by kind and status / target and outcome (cumulative sums: the latest point counts).
    const sum = (metric: string, attributes: Record<string, string>): number =>
      Math.max(0, ...otlp.points.filter((p) => p.metric === metric && Object.entries(attributes).every(([k, v]) => p.attributes[k] === v)).map((p) => p.value));
    const expected: [string, Record<string, string>][] = [
      ['longrun.jobs.started', { kind: 'bake' }],
      ['longrun.jobs.ended', { kind: 'bake', status: 'succeeded' }],
      ['longrun.job.duration', { kind: 'bake', status: 'succeeded' }],
      ['longrun.queue.wait', { queue: 'jobs' }],
      ['longrun.delivery.attempts', { target: 'callback', outcome: 'retry' }],
      ['longrun.delivery.attempts', { target: 'callback', outcome: 'dead' }],
      ['longrun.delivery.attempts', { target: 'hook', outcome: 'succeeded' }],
      ['longrun.delivery.dead', { target: 'callback', reason: 'exhausted' }],
    ];
    const missing = (): string[] => expected.filter(([metric, attributes]) => sum(metric, attributes) < 1).map(([metric, attributes]) => `${metric} ${JSON.stringify(attributes)}`);
    await pollUntil(() => (missing().length === 0 ? true : undefined), { timeoutMs: 15_000, what: 'every metric' }, () => missing().join('; '));

    // OTLP/HTTP JSON on the three standard paths.
    const paths = new Set(otlp.requests.map((r) => r.path));
    assert.deepEqual([...paths].sort(), ['/v1/logs', '/v1/metrics', '/v1/traces']);
    assert.ok(otlp.requests.every((r) => r.contentType.startsWith('application/json')));

    // Nothing secret: no callback URL (its sig= query or its path) in any span or log attribute.
    const exported = JSON.stringify([otlp.spans, otlp.logs, otlp.points]);
    for (const url of [callbackUrl, hookUrl]) {
      const sig = new URL(url).searchParams.get('sig') ?? '';
      assert.ok(sig.length > 10);
      assert.ok(!exported.includes(sig), 'a sig= secret was exported');
      assert.ok(!exported.includes(new URL(url).pathname), 'a callback URL was exported');
    }
  });
});
