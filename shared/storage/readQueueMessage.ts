import type { z } from 'zod';
import { logEvent } from '../telemetry/logEvent';

/**
 * A worker's message, parsed; one that can never be valid throws, so the host retries it and
 * finally moves it to `<queue>-poison`: visible, never silently dropped.
 */
export function readQueueMessage<T>(schema: z.ZodType<T>, message: unknown, queue: string): T {
  const parsed = schema.safeParse(message);
  if (!parsed.success) throw new Error(`${queue} message does not parse: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
  return parsed.data;
}

/**
 * A poison queue's message, parsed; one that names nothing has no state to fail, so it is recorded
 * as an error (with the start of the message) and dropped: retrying it could never succeed.
 */
export function readPoisonMessage<T>(schema: z.ZodType<T>, message: unknown, queue: string, log: { error(text: string): void }): T | undefined {
  const parsed = schema.safeParse(message);
  if (parsed.success) return parsed.data;
  logEvent('error', 'queue.messageDropped', { queue, message: JSON.stringify(message)?.slice(0, 200) }, log);
  return undefined;
}
