import { z } from 'zod';
import { currentTraceparent, TRACEPARENT_PATTERN } from '../telemetry/traceparent';

/**
 * Queue messages are JSON, base64-encoded: the Functions host decodes base64 by default
 * (host.json `extensions.queues.messageEncoding`), while the JS queue client sends text as given.
 */
export function toQueueMessage(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

/** The inverse of toQueueMessage, for code that reads queues directly (poison handling, tests). */
export function fromQueueMessage(text: string): unknown {
  return JSON.parse(Buffer.from(text, 'base64').toString('utf8')) as unknown;
}

/**
 * The trace context a message carries (W3C Trace Context `traceparent`), so the worker's span
 * continues the trace of what sent it. Optional both ways: a message sent before this field, or
 * with telemetry off, has none; a malformed one is ignored, never a reason to poison the message.
 */
export const traceContextShape = {
  traceparent: z.string().regex(TRACEPARENT_PATTERN).optional().catch(undefined),
};

/** The message with the active span's `traceparent` added (unchanged when no span records). */
export function withTraceContext<Message extends object>(message: Message): Message & { traceparent?: string } {
  const traceparent = currentTraceparent();
  return traceparent ? { ...message, traceparent } : message;
}
