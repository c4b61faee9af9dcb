import type { Job } from '../model/Job';
import type { PublishDeps } from '../events/publishEvent';
import { sendJobCallback, type CallbackDeps } from './sendJobCallback';
import { publishJobCompleted } from './publishJobCompleted';
import { publishJobFailed } from './publishJobFailed';
import { logEvent } from '../telemetry/logEvent';

/** What a step may log. */
export interface StepLog {
  info(message: string): void;
  warn(message: string): void;
}

/** What the after-end steps need: the callback's deps and the feed's. */
export type AfterJobEndedDeps = CallbackDeps & PublishDeps;

/**
 * What must happen once a job is terminal, in order: the callback first (latency matters), then
 * the feed (`job.completed`, and `job.failed` for a failed job). A step that throws makes the worker's invocation throw, so the host retries the
 * message; `redelivered` tells the steps that an earlier invocation may have done them already.
 */
export async function afterJobEnded(deps: AfterJobEndedDeps, job: Job, log: StepLog, options: { redelivered: boolean }): Promise<void> {
  const delivery = await sendJobCallback(deps, job);
  if (delivery) logEvent('info', 'job.callback', { jobId: job.id, kind: job.kind, deliveryId: delivery.id, status: delivery.status, attempts: delivery.attemptsInRound }, log);
  const event = await publishJobCompleted(deps, job, { legacyMarker: options.redelivered });
  logEvent('info', 'job.published', { jobId: job.id, kind: job.kind, topic: event.type, eventId: event.id }, log);
  const failed = await publishJobFailed(deps, job);
  if (failed) logEvent('warn', 'job.failed', { jobId: job.id, kind: job.kind, topic: failed.type, eventId: failed.id }, log);
}
