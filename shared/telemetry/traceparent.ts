import { context, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';

/** A W3C `traceparent` (Trace Context, version 00): version, trace id, parent span id, flags. */
export const TRACEPARENT_PATTERN = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The `traceparent` of the active span, for a message that carries the trace on (a queue message);
 * undefined when no span is recording (no exporter configured: nothing is added, nothing costs).
 */
export function currentTraceparent(): string | undefined {
  if (!trace.getActiveSpan()?.isRecording()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const traceparent = carrier.traceparent;
  return traceparent && TRACEPARENT_PATTERN.test(traceparent) ? traceparent : undefined;
}

/** The context a carried `traceparent` (and `tracestate`) names, or undefined when there is none or it is malformed. */
export function fromTraceparent(traceparent: string | undefined, tracestate?: string): Context | undefined {
  if (!traceparent || !TRACEPARENT_PATTERN.test(traceparent)) return undefined;
  const extracted = propagation.extract(ROOT_CONTEXT, { traceparent, ...(tracestate ? { tracestate } : {}) });
  return trace.getSpanContext(extracted) ? extracted : undefined;
}
