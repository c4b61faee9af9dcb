import { SpanKind, SpanStatusCode, type Context, type Link, type Span } from '@opentelemetry/api';
import { toAttributes, type TelemetryProperties } from './TelemetryProperties';
import { getTracer } from './telemetryScope';

export { SpanKind } from '@opentelemetry/api';

export interface SpanOptions {
  readonly kind?: SpanKind;
  readonly attributes?: TelemetryProperties;
  /** The parent; default: the active span. */
  readonly parent?: Context;
  readonly links?: Link[];
}

/**
 * Runs `work` in a span that is active for everything it calls (queue messages sent inside carry
 * it on). A throw marks the span failed with the error's class (never its message) and is rethrown. Without an
 * exporter the tracer is OpenTelemetry's no-op: nothing is recorded.
 */
export function withSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const spanOptions = { kind: options.kind ?? SpanKind.INTERNAL, attributes: toAttributes(options.attributes ?? {}), ...(options.links ? { links: options.links } : {}) };
  const run = async (span: Span): Promise<T> => {
    try {
      return await work(span);
    } catch (error) {
      // The error's class only: a message may quote a URL or a value that must not leave the app.
      const type = error instanceof Error ? error.name : 'Error';
      span.setAttribute('error.type', type);
      span.setStatus({ code: SpanStatusCode.ERROR, message: type });
      throw error;
    } finally {
      span.end();
    }
  };
  const tracer = getTracer();
  return options.parent ? tracer.startActiveSpan(name, spanOptions, options.parent, run) : tracer.startActiveSpan(name, spanOptions, run);
}

/** Adds properties to the active span (a no-op when none records). */
export function annotateSpan(properties: TelemetryProperties, span: Span | undefined): void {
  if (span?.isRecording()) span.setAttributes(toAttributes(properties));
}
