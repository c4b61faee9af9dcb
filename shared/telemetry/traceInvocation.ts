import { SpanKind, SpanStatusCode, trace, type Context, type Link } from '@opentelemetry/api';
import { longrunMetrics } from './longrunMetrics';
import { runWithLogSink, type LogSink } from './logSink';
import { isTelemetryExported } from './startTelemetry';
import { fromTraceparent } from './traceparent';
import { withSpan } from './withSpan';

/** What the wiring point knows of one invocation, read from the host's invocation context and trigger. */
export interface InvocationInfo {
  readonly functionName: string;
  readonly invocationId: string;
  readonly trigger: 'http' | 'queue' | 'timer' | 'other';
  /** The host's trace context of this invocation (InvocationContext.traceContext). */
  readonly hostTraceparent?: string;
  readonly hostTracestate?: string;
  /** The `traceparent` the trigger carried: a queue message's field, an HTTP request's header. */
  readonly carriedTraceparent?: string;
  /** A queue trigger's queue and when its message was inserted. */
  readonly queue?: string;
  readonly insertedAt?: string | Date;
}

const KINDS = { http: SpanKind.SERVER, queue: SpanKind.CONSUMER, timer: SpanKind.INTERNAL, other: SpanKind.INTERNAL } as const;
const FAAS_TRIGGERS = { http: 'http', queue: 'pubsub', timer: 'timer', other: 'other' } as const;

/**
 * The parent of an invocation's span. An HTTP call continues the host's request (which continues
 * the caller's), else the request's own `traceparent`. A queue message continues the trace that sent
 * it — so one trace follows a job from its start request through the queue to the worker, the
 * callback and the fan-out — and links the host's invocation; a message without one (sent before
 * this version, or with telemetry off) continues the host's.
 */
function toParent(info: InvocationInfo): { parent?: Context; links?: Link[] } {
  const host = fromTraceparent(info.hostTraceparent, info.hostTracestate);
  const carried = fromTraceparent(info.carriedTraceparent);
  if (info.trigger === 'http') {
    const parent = host ?? carried;
    return parent ? { parent } : {};
  }
  if (!carried) return host ? { parent: host } : {};
  const hostSpan = host ? trace.getSpanContext(host) : undefined;
  return { parent: carried, ...(hostSpan ? { links: [{ context: hostSpan }] } : {}) };
}

/**
 * Runs one invocation with its log as the sink of structured log records and, when telemetry is
 * exported, inside a span named after the function (SERVER for HTTP, CONSUMER for a queue), with
 * the queue wait recorded. `statusOf` reads an HTTP answer's status: 5xx marks the span failed.
 */
export function traceInvocation<T>(info: InvocationInfo, sink: LogSink, work: () => Promise<T>, statusOf?: (result: T) => number | undefined): Promise<T> {
  if (!isTelemetryExported()) return runWithLogSink(sink, work);
  if (info.queue && info.insertedAt !== undefined) {
    const at = info.insertedAt instanceof Date ? info.insertedAt.getTime() : Date.parse(info.insertedAt);
    longrunMetrics.queueWait(info.queue, (Date.now() - at) / 1000);
  }
  const attributes = {
    'faas.name': info.functionName,
    'faas.trigger': FAAS_TRIGGERS[info.trigger],
    'faas.invocation_id': info.invocationId,
    ...(info.queue ? { 'messaging.system': 'azure_storage_queue', 'messaging.destination.name': info.queue } : {}),
  };
  return runWithLogSink(sink, () =>
    withSpan(info.functionName, { kind: KINDS[info.trigger], attributes, ...toParent(info) }, async (span) => {
      const result = await work();
      const status = statusOf?.(result);
      if (status !== undefined) {
        span.setAttribute('http.response.status_code', status);
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      }
      return result;
    }),
  );
}
