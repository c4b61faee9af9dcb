import { toEnvelope, type Job } from '../model/Job';
import type { Event } from '../model/Event';
import { publishEvent, type PublishDeps, type PublishOptions } from '../events/publishEvent';
import { jobCompleted } from '../events/topics/jobCompleted';

/** The Idempotency-Key of a job's `job.completed` event: one event per job, however often the worker retries. */
export function toJobCompletedKey(jobId: string): string {
  return `job:${jobId}`;
}

/**
 * Publishes the built-in `job.completed` event for a terminal job: its envelope without the result
 * (which may be large and live in a blob; the event says where to look, the status URL has it).
 * A retried worker message finds the first event and publishes nothing new. Throws for a job that
 * is not terminal (the topic's schema refuses `queued` and `running`).
 */
export async function publishJobCompleted(deps: PublishDeps, job: Job, options: Omit<PublishOptions, 'idempotencyKey'> = {}): Promise<Event> {
  const data = jobCompleted.schema.parse(toEnvelope(job));
  // The first event of a job stands: a retried worker message after a deploy may read the same row
  // into a slightly different envelope (a stored 500 now reads as 424), which must not be a conflict.
  const { event } = await publishEvent(deps, jobCompleted, data, { ...options, idempotencyKey: toJobCompletedKey(job.id), firstStands: true });
  return event;
}
