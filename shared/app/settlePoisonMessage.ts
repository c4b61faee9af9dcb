import type { InvocationContext } from '@azure/functions';
import { readMaxDequeueCount } from '../jobs/readMaxDequeueCount';
import { toErrorMessage } from '../model/errors';
import { logEvent } from '../telemetry/logEvent';
import type { TelemetryProperties } from '../telemetry/TelemetryProperties';

/**
 * Runs a poison queue handler's work on its message. A failure is thrown so the host tries again,
 * except on the last attempt: the host would then move the message to `<queue>-poison`, which
 * nothing reads, so the failure is logged as an error (`poison.unsettled`, naming `subject`)
 * instead, and what was left undone is repaired by the hourly retention (a job still queued is
 * enqueued again, an overdue delivery re-queued).
 * NOTE: "Azure Queue storage trigger", poison messages: after maxDequeueCount failed attempts the
 * host moves a message to the queue named `<queue>-poison`, a poison queue's own included.
 */
export async function settlePoisonMessage(queue: string, subject: TelemetryProperties, context: InvocationContext, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const attempt = Number(context.triggerMetadata?.dequeueCount ?? 1);
    if (attempt < readMaxDequeueCount()) throw error;
    logEvent('error', 'poison.unsettled', { queue, ...subject, attempts: attempt, error: toErrorMessage(error) }, context);
  }
}
