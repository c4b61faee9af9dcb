import type { Job } from '../model/Job';
import type { PublishDeps } from '../events/publishEvent';
import { sendJobCallback, type CallbackDeps } from './sendJobCallback';
import { publishJobCompleted } from './publishJobCompleted';

/** What a step may log. */
export interface StepLog {
  info(message: string): void;
  warn(message: string): void;
}

/** What the after-end steps need: the callback's deps and the feed's. */
export type AfterJobEndedDeps = CallbackDeps & PublishDeps;

/**
 * What must happen once a job is terminal, in order: the callback first (latency matters), then
 * the feed. A step that throws makes the worker's invocation throw, so the host retries the
 * message; `redelivered` tells the steps that an earlier invocation may have done them already.
 */
export async function afterJobEnded(deps: AfterJobEndedDeps, job: Job, log: StepLog, options: { redelivered: boolean }): Promise<void> {
  const delivery = await sendJobCallback(deps, job, options);
  if (delivery) log.info(`job ${job.id}: callback ${delivery.status} after ${delivery.attempts.length} attempt(s)`);
  log.info(`job ${job.id}: job.completed event ${(await publishJobCompleted(deps, job, { legacyMarker: options.redelivered })).id}`);
}
